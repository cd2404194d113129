import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../../../src/fleet/claims.js';
import { mergeResults } from '../../../../src/fleet/merge.js';
import { overviewOf } from '../../../../src/fleet/overview.js';
import { formatShare } from '../../../../src/fleet/render/cells.js';
import { backendColour, logScale, niceStep, wrap } from '../../../../src/fleet/render/chart-kit.js';
import { allCharts, singlesChart, sweepChart } from '../../../../src/fleet/render/charts.js';
import { escapeXml, slugify } from '../../../../src/fleet/render/escape.js';
import { renderComparisonHtml } from '../../../../src/fleet/render/html.js';
import { renderComparisonMarkdown } from '../../../../src/fleet/render/markdown.js';
import { formatPeak } from '../../../../src/fleet/render/notes.js';
import { renderBarChart } from '../../../../src/fleet/render/svg-bars.js';
import { layoutCases } from '../../../../src/fleet/sweeps.js';
import { fleet } from '../fleet.js';

const cmp = mergeResults(fleet());
const charts = allCharts(cmp);
const layout = layoutCases(cmp.cases);

describe('comparison Markdown', () => {
  it('matches the snapshot', async () => {
    const md = renderComparisonMarkdown(cmp, { charts, chartHref: (c) => `charts/${c.name}` });
    await expect(md).toMatchFileSnapshot('./__snapshots__/comparison.md');
  });

  it('opens with the overview and folds the case tables', () => {
    const md = renderComparisonMarkdown(mergeResults(fleet(), 'best'));
    expect(md.indexOf('## Overview')).toBeLessThan(md.indexOf('## matmul'));
    expect(md).toContain('<details>');
    expect(md).toContain('the best (fastest) of them is shown (--pick best)');
    expect(md).not.toContain('![');
  });
});

describe('sweeps', () => {
  it('finds the square-matmul size sweep as one axis m=n=k and leaves the rest single', () => {
    expect(layout.sweeps).toHaveLength(1);
    const s = layout.sweeps[0];
    expect(s?.label).toBe('m=n=k');
    expect(s?.points.map((p) => p.x)).toEqual([512, 1024, 4096]);
    expect(layout.singles.length + 3).toBe(cmp.cases.length);
  });
});

describe('SVG charts', () => {
  it('draws a sweep as one line per chip × backend, on log axes', () => {
    const s = layout.sweeps[0];
    if (s === undefined) throw new Error('no sweep');
    const svg = sweepChart(s)?.svg ?? '';
    expect(svg.match(/class="series"/g)).toHaveLength(2);
    expect(svg.match(/class="point"/g)).toHaveLength(6);
    expect(svg).toContain('m=n=k (log scale)');
  });

  it('draws single cases as bars, on a log axis when values span more than 30×', () => {
    const f32 = layout.singles.filter((t) => t.workload === 'matmul' && t.dtype === 'f32');
    const chart = singlesChart(f32)?.svg ?? '';
    const rows = f32.flatMap((t) => t.rows.filter((r) => r.rate !== undefined));
    expect(chart.match(/class="bar"/g)).toHaveLength(rows.length);
    expect(chart).toContain('FLOP/s, log scale');
  });

  it('keeps every chart text at least 13 viewBox units and colours per backend', () => {
    for (const c of charts) {
      const sizes = [...c.svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(Math.min(...sizes), c.name).toBeGreaterThanOrEqual(13);
    }
    expect(backendColour('cuda')).toBe(backendColour('cuda'));
    expect(backendColour('cuda')).not.toBe(backendColour('cpu'));
  });

  it('names chart files uniquely', () => {
    const names = charts.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('escapes labels, wraps long text, picks round steps and decade ticks', () => {
    const svg = renderBarChart({ id: 'x', title: 'a<b & "c"', unit: 'u', series: [{ label: 'x', colour: '#000' }], groups: [{ label: '<script>', values: [3] }], format: String });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(wrap('one two three four', 60).length).toBeGreaterThan(1);
    expect([niceStep(10), niceStep(55), niceStep(0.3), niceStep(0)]).toEqual([5, 20, 0.1, 1]);
    expect(logScale(3e11, 5e13, 0, 100).ticks.filter((t) => Math.log10(t) % 1 === 0)).toEqual([1e11, 1e12, 1e13, 1e14]);
  });

  it('draws nothing for non-finite or absurd values without throwing', () => {
    const svg = renderBarChart({ id: 'y', title: 't', unit: 'u', series: [{ label: 'x', colour: '#000' }], groups: [{ label: 'g', values: [NaN, 1e300, Infinity] }], format: (v) => v.toExponential(1) });
    expect(svg).toContain('</svg>');
  });
});

describe('hostile values', () => {
  it('renders every format for a case with a 1e300 s median without throwing', () => {
    const files = fleet();
    const stats = files[3]?.result.results.find((r) => r.stats !== undefined)?.stats;
    if (stats === undefined) throw new Error('no stats');
    Object.assign(stats, { median_s: 1e300, ci_median_s: [1e300, 1e300], launch_medians_s: [1e300] });
    const c = mergeResults(files);
    const all = allCharts(c);
    expect(renderComparisonHtml(c, { charts: all })).toContain('</html>');
    expect(renderComparisonMarkdown(c, { charts: all, chartHref: (x) => x.name })).toContain('## Overview');
  });
});

describe('overview and claims', () => {
  it('summarises speed-ups per family and GPU path with the best case', () => {
    const o = overviewOf(cmp);
    const h100 = o.speedups.find((s) => s.workload === 'matmul' && s.path.startsWith('NVIDIA H100') && s.baseline === 'cpu');
    expect(h100?.cases).toBe(4);
    expect(h100?.best.ci).toBeDefined();
    expect(o.bests.some((b) => b.device.startsWith('NVIDIA H100') && b.share !== undefined)).toBe(true);
  });

  it('checks the torch-mps claim against the files and says how to check the TensorFlow one', () => {
    const [torch, tf] = checkClaims(cmp);
    expect(torch?.measured[0]?.backend).toBe('torch-mps');
    expect(torch?.measured[0]?.best.value).toBeCloseTo(0.024 / 0.002, 9);
    expect(torch?.verdict).toBe('reached');
    expect(tf?.verdict).toBe('unchecked');
  });
});

describe('comparison HTML', () => {
  const html = renderComparisonHtml(cmp, { charts, generator: 'mpsbench test' });

  it('is one self-contained page that fetches nothing', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|@import|url\((?!#)/i);
    expect(html).toContain('@media print');
    expect(html).toContain('name="viewport"');
  });

  it('opens with the overview, inlines every chart and folds every case table', () => {
    expect(html.indexOf('id="overview"')).toBeLessThan(html.indexOf('<svg '));
    expect(html.match(/<svg /g)).toHaveLength(charts.length);
    expect(html.match(/<article id="c-/g)).toHaveLength(cmp.cases.length);
    expect(html).toContain('<details class="cases">');
    expect(html).toContain('class="num effective"');
  });

  it('cites each source once and links it from every peak that uses it', () => {
    const ids = [...html.matchAll(/<li id="src-([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(html).toContain(`href="#src-${id}"`);
  });
});

describe('helpers', () => {
  it('formats ranges of percent and peak', () => {
    expect(formatShare({ low: 0.5, high: 0.5 })).toBe('50.0%');
    expect(formatShare({ low: 0.838, high: 0.982 })).toBe('83.8–98.2%');
    expect(formatPeak({ low: 14.1e12, high: 16.4e12 })).toBe('14.1–16.4 TFLOP/s');
    expect(formatPeak({ low: 900e9, high: 1.1e12 })).toBe('900 GFLOP/s–1.10 TFLOP/s');
  });

  it('slugs and escapes', () => {
    expect(slugify('matmul m=2048 dtype=f32')).toBe('matmul-m-2048-dtype-f32');
    expect(slugify('***')).toBe('chart');
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
