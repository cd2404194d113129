/**
 * The roofline chart's SVG structure, from the committed H200 run of issue 16 (attention, bandwidth
 * and matmul on cuda and torch-cuda): one point per case and backend, one compute roof per distinct
 * peak (f16 and bf16 share 989.5 TFLOP/s), the bandwidth diagonal meeting the highest roof at the
 * ridge, copy cases on the left edge; the table beside it; and hostile input that must not throw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../../../src/fleet/merge.js';
import { renderComparisonHtml } from '../../../../src/fleet/render/html.js';
import { renderComparisonMarkdown } from '../../../../src/fleet/render/markdown.js';
import { ROOFLINE_HEADERS, rooflineCharts, rooflineRows } from '../../../../src/fleet/render/roofline-charts.js';
import { renderRoofline, type RooflineChart } from '../../../../src/fleet/render/svg-roofline.js';
import type { ResultFile } from '../../../../src/results/types.js';

// The H200 run of 05:36 UTC, before the cuda attention went through cuDNN (superseded in results/).
const FILE = 'test/fixtures/fleet/h200-issue16-pre-cudnn-2026-12-02.json';
const cmp = mergeResults([{ name: FILE, result: JSON.parse(readFileSync(FILE, 'utf8')) as ResultFile }]);
const chips = rooflineCharts(cmp);
const h200 = chips.find((c) => c.device.includes('H200'));
const svg = h200?.chart.svg ?? '';

/** Every match of `re` in the chart. */
function all(re: RegExp): RegExpMatchArray[] {
  return [...svg.matchAll(re)];
}

/** Numeric attributes `names` of an element's opening tag. */
function attrs(tag: string, names: readonly string[]): number[] {
  return names.map((n) => Number(new RegExp(`\\b${n}="([^"]+)"`).exec(tag)?.[1]));
}

describe('the H200 roofline chart', () => {
  it('has one point per case and backend (16 = 8 attention + 4 bandwidth + 4 matmul), each tagged', () => {
    expect(h200).toBeDefined();
    const points = all(/<(circle|rect|path)[^>]* class="point"[^>]*>/g);
    expect(points).toHaveLength(16);
    expect(points.filter((p) => p[0].includes('data-backend="cuda"'))).toHaveLength(8);
    expect(new Set(points.map((p) => /data-case="(\d+)"/.exec(p[0])?.[1])).size).toBe(8);
    expect(all(/class="bw-achieved"/g)).toHaveLength(2);
  });

  it('draws the compute roofs as labelled horizontals and the 4.8 TB/s diagonal up to the ridge', () => {
    const roofs = all(/<line class="roof roof-compute"[^>]*>/g).map((m) => attrs(m[0], ['x1', 'y1', 'x2', 'y2']));
    expect(roofs).toHaveLength(2);
    for (const [, y1, , y2] of roofs) expect(y1).toBe(y2);
    expect(svg).toContain('>f16, bf16 990 TFLOP/s<');
    expect(svg).toContain('>f32 67.0 TFLOP/s<');
    const top = Math.min(...roofs.map((r) => r[1] ?? NaN));
    const ridgeX = roofs.find((r) => r[1] === top)?.[0];
    const diag = all(/<line class="roof roof-bandwidth"[^>]*>/g).map((m) => attrs(m[0], ['x1', 'y1', 'x2', 'y2']));
    expect(diag).toHaveLength(1);
    const [x1, y1, x2, y2] = diag[0] ?? [];
    expect(x2).toBe(ridgeX);
    expect(y2).toBe(top);
    expect(y1).toBeGreaterThan(y2 ?? Infinity);
    expect(x1).toBeLessThan(x2 ?? -Infinity);
    expect(svg).toContain('4.80 TB/s datasheet');
  });

  it('keeps every point inside the plot frame and labels each case once at most', () => {
    const clip = attrs(/<clipPath[^>]*><rect[^>]*>/.exec(svg)?.[0] ?? '', ['x', 'y', 'width', 'height']);
    const [cx0, cy0, w, h] = clip;
    for (const m of all(/<circle[^>]* class="point"[^>]*>/g)) {
      const [cx, cy] = attrs(m[0], ['cx', 'cy']);
      expect(cx).toBeGreaterThanOrEqual((cx0 ?? 0) - 5);
      expect(cx).toBeLessThanOrEqual((cx0 ?? 0) + (w ?? 0) + 5);
      expect(cy).toBeGreaterThanOrEqual((cy0 ?? 0) - 5);
      expect(cy).toBeLessThanOrEqual((cy0 ?? 0) + (h ?? 0) + 5);
    }
    const labels = all(/class="point-label"[^>]*>(\d+)</g).map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(3);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('has a table of the same points with "bound by"', () => {
    const rows = h200 === undefined ? [] : rooflineRows(h200);
    expect(rows).toHaveLength(16);
    expect(rows.every((r) => r.length === ROOFLINE_HEADERS.length)).toBe(true);
    const copy = rows.find((r) => r[1]?.text === 'bandwidth mib=1024 f32' && r[2]?.text === 'cuda');
    expect(copy?.map((c) => c.text).slice(3)).toEqual(['0 (copy)', '3.94 TB/s', '4.80 TB/s', 'memory 82.1%']);
    const md = renderComparisonMarkdown(cmp);
    expect(md).toContain('## Roofline');
    expect(md).toMatch(/\| attention batch=4 heads=32 seq=4096 head_dim=128 f16 +\| torch-cuda +\| +2048 \|/);
    const html = renderComparisonHtml(cmp, { charts: chips.map((c) => c.chart) });
    expect(html).toContain('<section id="roofline">');
    expect(html).toContain('chart-roofline');
  });
});

describe('bandwidth rows', () => {
  it('lead with bytes/s (2^31 B / 545.2 µs = 3.94 TB/s for the cuda copy), not 0 FLOP/s, and have no % of compute peak', () => {
    const t = cmp.cases.find((c) => c.spec === 'bandwidth mib=1024 dtype=f32');
    const r = t?.rows.find((x) => x.backend === 'cuda');
    expect(r?.rate).toEqual({ value: 2 ** 31 / 5.452082350447371e-4, unit: 'bytes' });
    expect(r?.share).toBeUndefined();
    expect(renderComparisonMarkdown(cmp)).toMatch(/\| NVIDIA H200 SXM \| cuda +\| 545 µs \| +3\.94 TB\/s \| memory 82\.1% +\|/);
  });
});

describe('renderRoofline on hostile values', () => {
  const base: RooflineChart = { id: 'x', title: 't', compute: [], points: [], backends: [], workloads: [], formatFlops: String, formatBytes: String };

  it('renders an empty chart and one of NaN, zero, negative and huge values without throwing', () => {
    expect(renderRoofline(base)).toContain('</svg>');
    const bad = [NaN, 0, -1, Infinity, 1e300, 1e-300];
    const out = renderRoofline({
      ...base,
      compute: bad.map((value) => ({ dtype: 'f32', value })),
      bandwidth: { value: NaN, label: 'x' },
      points: bad.flatMap((x) => bad.map((y, i) => ({ n: i + 1, label: '<&>', x, y, colour: '#000', backend: 'b', shape: i, ...(x === 0 && { bytesPerS: y }) }))),
    });
    expect(out).not.toMatch(/NaN|Infinity|<&>/);
    expect(out).toContain('</svg>');
  });
});
