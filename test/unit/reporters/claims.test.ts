import { describe, expect, it } from 'vitest';
import { checkClaims, claimLines, claimsSection, isClaim } from '../../../src/reporters/claims.js';
import { markdownReporter } from '../../../src/reporters/markdown.js';
import { loadSmallResult } from './fixture.js';

const CLAIM = { text: 'torch is up to 2x faster', speedup: 2, backend: 'torch-cpu', baseline: 'cpu', source: 'a blog' };

function withClaims(claims: unknown[]) {
  const r = loadSmallResult();
  r.suites = [{ name: 'smoke', claims: claims as never }];
  return r;
}

describe('claims', () => {
  it('measures the speed-up on cases both backends completed and verified', () => {
    const [check] = checkClaims(withClaims([CLAIM]));
    // m=1024 failed verification on torch-cpu, f16 is unsupported: matmul m=256 and the conv2d remain
    expect(check?.pairs.map((p) => [p.spec.split(' ')[0], Number(p.speedup.toFixed(4))])).toEqual([
      ['matmul', Number((0.00050075 / 0.0004006).toFixed(4))],
      ['conv2d', Number((0.01211815 / 0.008012).toFixed(4))],
    ]);
    const lines = claimLines(check!);
    expect(lines[0]).toBe('- **Claim:** “torch is up to 2x faster” (a blog): up to 2.00×, `torch-cpu` over `cpu`.');
    expect(lines[1]).toContain('1.25× to 1.51× over 2 verified case(s); best 1.51× on `conv2d');
    expect(lines[1]).toContain('(76% of the claim)');
  });

  it('narrows to a workload and says when nothing was measured', () => {
    const [conv] = checkClaims(withClaims([{ ...CLAIM, workload: 'conv2d' }]));
    expect(conv?.pairs).toHaveLength(1);
    const [none] = checkClaims(withClaims([{ ...CLAIM, backend: 'tf-gpu', baseline: 'tf-cpu' }]));
    expect(claimLines(none!)[1]).toContain('nothing: no case completed and verified on both `tf-gpu` and `tf-cpu`');
  });

  it('ignores malformed claims from a hostile file instead of throwing', () => {
    expect(isClaim(null)).toBe(false);
    expect(isClaim({ ...CLAIM, speedup: Number.NaN })).toBe(false);
    expect(isClaim({ ...CLAIM, workload: 3 })).toBe(false);
    expect(checkClaims(withClaims([null, 7, { text: 'x' }, CLAIM]))).toHaveLength(1);
    const r = loadSmallResult();
    (r as unknown as { suites: unknown }).suites = 'nope';
    expect(claimsSection(r)).toEqual([]);
  });

  it('puts the claims section in the Markdown report before the tables, and nothing without claims', () => {
    const md = markdownReporter.render(withClaims([CLAIM]));
    expect(md.indexOf('## Claims')).toBeGreaterThan(0);
    expect(md.indexOf('## Claims')).toBeLessThan(md.indexOf('## matmul'));
    expect(markdownReporter.render(loadSmallResult())).not.toContain('## Claims');
  });
});
