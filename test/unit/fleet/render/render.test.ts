import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../../../src/fleet/merge.js';
import { formatShare } from '../../../../src/fleet/render/cells.js';
import { allCharts, speedupChart, throughputChart } from '../../../../src/fleet/render/charts.js';
import { escapeXml, slugify } from '../../../../src/fleet/render/escape.js';
import { renderComparisonHtml } from '../../../../src/fleet/render/html.js';
import { renderComparisonMarkdown } from '../../../../src/fleet/render/markdown.js';
import { formatPeak } from '../../../../src/fleet/render/notes.js';
import { niceStep, renderBarChart } from '../../../../src/fleet/render/svg-bars.js';
import { fleet } from '../fleet.js';

const cmp = mergeResults(fleet());
const charts = allCharts(cmp);
const f32 = cmp.cases[0];

describe('comparison Markdown', () => {
  it('matches the snapshot', async () => {
    const md = renderComparisonMarkdown(cmp, { charts, chartHref: (c) => `charts/${c.name}` });
    await expect(md).toMatchFileSnapshot('./__snapshots__/comparison.md');
  });

  it('states the pick rule and links no charts unless asked', () => {
    const md = renderComparisonMarkdown(mergeResults(fleet(), 'best'));
    expect(md).toContain('the best (fastest) of them is shown (--pick best)');
    expect(md).not.toContain('![');
  });
});

describe('SVG charts', () => {
  it('matches the throughput and speed-up snapshots', async () => {
    if (f32 === undefined) throw new Error('no case');
    await expect(throughputChart(f32)?.svg).toMatchFileSnapshot('./__snapshots__/throughput.svg');
    await expect(speedupChart(f32)?.svg).toMatchFileSnapshot('./__snapshots__/speedup.svg');
  });

  it('draws one bar per measured row and a 1× reference line', () => {
    if (f32 === undefined) throw new Error('no case');
    const withRate = f32.rows.filter((r) => r.rate !== undefined).length;
    expect(throughputChart(f32)?.svg.match(/class="bar"/g)).toHaveLength(withRate);
    expect(speedupChart(f32)?.svg).toContain('class="reference"');
  });

  it('names chart files uniquely and skips charts with nothing to draw', () => {
    const names = [...charts.values()].flat().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(charts.get('matmul m=2048 n=2048 k=2048 dtype=bf16')).toEqual([]);
  });

  it('escapes labels and picks round grid steps', () => {
    const svg = renderBarChart({ title: 'a<b & "c"', series: ['x'], groups: [{ label: '<script>', values: [3] }], format: String });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect([niceStep(10), niceStep(55), niceStep(0.3), niceStep(0)]).toEqual([5, 20, 0.1, 1]);
  });
});

describe('comparison HTML', () => {
  const html = renderComparisonHtml(cmp, { charts, generator: 'mpsbench test' });

  it('is one self-contained page that fetches nothing', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|@import|url\(/i);
    expect(html).toContain('@media print');
    expect(html).toContain('name="viewport"');
  });

  it('inlines every chart and makes every table sortable', () => {
    expect(html.match(/<svg /g)).toHaveLength([...charts.values()].flat().length);
    expect(html.match(/<table class="sortable">/g)).toHaveLength(cmp.cases.length + 2);
    expect(html).toContain('data-sort="');
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
