import { describe, expect, it } from 'vitest';
import { compareResults, compareWithin } from '../../../src/compare/index.js';
import { renderMarkdown } from '../../../src/compare/render-markdown.js';
import { renderJson, renderText } from '../../../src/compare/render-text.js';
import type { ResultFile } from '../../../src/results/types.js';
import { caseWith, resultWith, spread } from './fixture.js';

const POLICY = { minLaunches: 5, failOnInconclusive: false };
const SLOW = 'cpu/matmul m=2 n=2 k=2 dtype=f32';
const SAME = 'cpu/matmul m=1 n=1 k=1 dtype=f32';

/** One interleaved A/B file: variant a (baseline) and b, SLOW 25% slower on b. */
function abFile(): ResultFile {
  const v = (key: string, variant: string, medians: number[]) => caseWith(key, medians, { key: `${key} @${variant}`, variant });
  const r = resultWith([v(SAME, 'a', spread(1e-3, 10)), v(SAME, 'b', spread(1e-3, 10)), v(SLOW, 'a', spread(1e-3, 10)), v(SLOW, 'b', spread(1.25e-3, 10))], 'ci');
  return { ...r, settings: { ...r.settings, variants: [{ name: 'a', env: {} }, { name: 'b', env: {} }], interleave: { grain: 'case', seed: 1 } } };
}

function interleaved(): ReturnType<typeof compareWithin> {
  return compareWithin(abFile(), POLICY, {}, 'ab.json');
}

function sequential(): ReturnType<typeof compareResults> {
  const base = resultWith([caseWith(SAME, spread(1e-3, 10)), caseWith(SLOW, spread(1e-3, 10))], 'ci');
  const cur = resultWith([caseWith(SAME, spread(1e-3, 10)), caseWith(SLOW, spread(1.25e-3, 10))], 'ci2');
  return compareResults(base, cur, POLICY, { baseline: 'base.json', current: 'head.json' });
}

describe('renderMarkdown', () => {
  it('puts regressions first with change, paired CI, both medians and the basis', () => {
    const md = renderMarkdown(interleaved(), 'md');
    expect(md).toMatch(/^## mpsbench compare: Regression detected \(interleaved, paired launches\): 1 regression, 1 unchanged/);
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows[0]).toMatch(/\| verdict +\| case +\| +change \| +97.5% CI \(paired\) \| +baseline \| +current \| +launches \| +threshold \|.*\| basis +\|/);
    expect(rows[2]).toContain('regression');
    expect(rows[2]).toContain(`\`${SLOW}\``);
    expect(rows[2]).toContain('+25.0%');
    expect(rows[2]).toMatch(/\[\+2\d\.\d%, \+2\d\.\d%\]/);
    expect(rows[2]).toContain('1.00 ms');
    expect(rows[2]).toContain('1.25 ms');
    expect(rows[2]).toContain('paired ×10');
    expect(rows[3]).toContain('unchanged');
    expect(md).toContain('exact Wilcoxon signed-rank');
  });

  it('says a sequential interval is within runs and names the floor it needs', () => {
    const md = renderMarkdown(sequential(), 'md');
    expect(md).toMatch(/^## mpsbench compare: Regression detected \(sequential runs\): 1 regression, 1 inconclusive/);
    expect(md).toContain('97.5% CI (within runs)');
    expect(md).toContain('floor ±10% (default)');
    expect(md).toContain('**Warning:** the environments differ');
    expect(md).toContain('not the shift between the two runs');
  });

  it('github flavour uses an alert block and folds unchanged cases', () => {
    const md = renderMarkdown({ ...interleaved(), warnings: ['machine differs'] }, 'github');
    expect(md).toContain('> [!WARNING]');
    expect(md).toContain('<details><summary>1 unchanged or unsupported case(s)</summary>');
    expect(md.indexOf('regression')).toBeLessThan(md.indexOf('<details>'));
  });

  it('adds the speed-up with its interval when two backends are compared', () => {
    const r = resultWith([caseWith(SAME, spread(1e-3, 10)), caseWith('torch-cpu/matmul m=1 n=1 k=1 dtype=f32', spread(0.5e-3, 10))]);
    const file = { ...r, settings: { ...r.settings, interleave: { grain: 'case' as const, seed: 1 } } };
    const md = renderMarkdown(compareWithin(file, POLICY, { base: 'cpu', head: 'torch-cpu' }), 'md');
    expect(md).toContain('speed-up of torch-cpu (95% CI)');
    expect(md).toMatch(/improvement .*\| +2\.0× \[2\.0×, 2\.0×\] \|/);
  });
});

describe('renderText and renderJson', () => {
  it('text has a headline, one aligned line per case and the method', () => {
    const text = renderText(interleaved());
    expect(text.split('\n')[0]).toBe('Regression detected (interleaved, paired launches): 1 regression, 1 unchanged (baseline ab.json @a → current ab.json @b)');
    expect(text).toMatch(/^regression +cpu\/matmul m=2 .*\+25\.0%.*paired ×10/m);
    expect(text).toContain('Interleaved: launch k of both sides ran back to back');
  });

  it('json carries the schema id, the mode, verdicts, CIs and each basis', () => {
    const doc = JSON.parse(renderJson(interleaved())) as { schema: string; mode: string; exitCode: number; cases: { verdict: string; ci?: { lo: number }; basis?: { mode: string; pairs: number } }[] };
    expect(doc.schema).toBe('mpsbench.compare/v1');
    expect(doc.mode).toBe('interleaved');
    expect(doc.exitCode).toBe(1);
    expect(doc.cases[0]?.verdict).toBe('regression');
    expect(doc.cases[0]?.ci?.lo).toBeGreaterThan(1.05);
    expect(doc.cases[0]?.basis).toMatchObject({ mode: 'interleaved', pairs: 10 });
  });
});
