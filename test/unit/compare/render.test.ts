import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/compare/index.js';
import { renderMarkdown } from '../../../src/compare/render-markdown.js';
import { renderJson, renderText } from '../../../src/compare/render-text.js';
import { caseWith, resultWith, spread } from './fixture.js';

const POLICY = { minLaunches: 5, failOnInconclusive: false };
const SLOW = 'cpu/matmul m=2 n=2 k=2 dtype=f32';
const SAME = 'cpu/matmul m=1 n=1 k=1 dtype=f32';

function report(): ReturnType<typeof compareResults> {
  const base = resultWith([caseWith(SAME, spread(1e-3, 10)), caseWith(SLOW, spread(1e-3, 10))], 'ci');
  const cur = resultWith([caseWith(SAME, spread(1e-3, 10)), caseWith(SLOW, spread(1.25e-3, 10))], 'ci2');
  return compareResults(base, cur, POLICY, { baseline: 'base.json', current: 'head.json' });
}

describe('renderMarkdown', () => {
  it('puts regressions first with change, CI and both medians', () => {
    const md = renderMarkdown(report(), 'md');
    expect(md).toMatch(/^## mpsbench compare: Regression detected: 1 regression, 1 unchanged/);
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows[0]).toMatch(/\| verdict +\| case +\| +change \| +95% CI \| +baseline \| +current \| +launches \| +threshold \|/);
    expect(rows[2]).toContain('regression');
    expect(rows[2]).toContain(`\`${SLOW}\``);
    expect(rows[2]).toContain('+25.0%');
    expect(rows[2]).toMatch(/\[\+2\d\.\d%, \+2\d\.\d%\]/);
    expect(rows[2]).toContain('1.00 ms');
    expect(rows[2]).toContain('1.25 ms');
    expect(rows[2]).toContain('10 / 10');
    expect(rows[3]).toContain('unchanged');
    expect(md).toContain('**Warning:** the environments differ');
  });

  it('github flavour uses an alert block and folds unchanged cases', () => {
    const md = renderMarkdown(report(), 'github');
    expect(md).toContain('> [!WARNING]');
    expect(md).toContain('<details><summary>1 unchanged or unsupported case(s)</summary>');
    expect(md.indexOf('regression')).toBeLessThan(md.indexOf('<details>'));
  });
});

describe('renderText and renderJson', () => {
  it('text has a headline and one aligned line per case', () => {
    const text = renderText(report());
    expect(text.split('\n')[0]).toBe('Regression detected: 1 regression, 1 unchanged (baseline base.json → current head.json)');
    expect(text).toMatch(/^regression +cpu\/matmul m=2 .*\+25\.0%/m);
  });

  it('json carries the schema id, verdicts and CIs', () => {
    const doc = JSON.parse(renderJson(report())) as { schema: string; exitCode: number; cases: { verdict: string; ci?: { lo: number } }[] };
    expect(doc.schema).toBe('mpsbench.compare/v1');
    expect(doc.exitCode).toBe(1);
    expect(doc.cases[0]?.verdict).toBe('regression');
    expect(doc.cases[0]?.ci?.lo).toBeGreaterThan(1.05);
  });
});
