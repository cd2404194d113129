import { describe, expect, it } from 'vitest';
import { escapeCell, markdownTable } from '../../../src/render/markdown-table.js';
import { markdownReporter } from '../../../src/reporters/index.js';
import { loadSmallResult } from './fixture.js';

describe('markdown reporter', () => {
  it('renders the small fixture', () => {
    expect(markdownReporter.render(loadSmallResult())).toMatchInlineSnapshot(`
      "# mpsbench results: ci-linux-x64

      - **Date:** 2025-06-11T09:30:00.000Z to 2025-06-11T09:34:12.000Z
      - **Tool:** mpsbench 0.1.0, commit 2dcbc75e1f0a, Node v20.19.2
      - **Machine:** ci-linux-x64: Ubuntu 24.04.2 LTS (linux 6.8.0-1021-azure, x64), 64 GiB memory
      - **CPU:** AMD EPYC 7763 64-Core Processor (8 cores, 16 threads)
      - **GPUs:** none
      - **Runners:**
        - cpu: mpsbench-cpu 0.1.0 on AMD EPYC 7763 64-Core Processor (blas OpenBLAS 0.3.26)
        - torch-cpu: mpsbench-torch 0.1.0 on cpu (torch 2.5.1, mkl 2024.2)
      - **Suites:** smoke
      - **Launches per case:** 2

      ## matmul

      Fixed: \`n=512\`, \`k=512\`

      | backend   |    m | dtype |  median |    ± CI95 |  throughput |       max rel err | status                                                    | ×cpu |
      | --------- | ---: | ----- | ------: | --------: | ----------: | ----------------: | --------------------------------------------------------- | ---: |
      | cpu       |  256 | f32   |  501 µs | ± 4.50 µs | 268 GFLOP/s | 2.4e-7 ≤ 1.0e-4 ✓ | ok                                                        | 1.0× |
      | torch-cpu |  256 | f32   |  401 µs | ± 3.60 µs | 335 GFLOP/s | 3.1e-7 ≤ 1.0e-4 ✓ | ok                                                        | 1.3× |
      | cpu       | 1024 | f32   | 2.00 ms | ± 18.0 µs | 268 GFLOP/s | 4.8e-7 ≤ 1.0e-4 ✓ | ok                                                        | 1.0× |
      | torch-cpu | 1024 | f32   |       — |         — |           — | 3.2e-2 > 1.0e-4 ✗ | failed (verify): max relative error 3.2e-2 exceeds toler… |    — |
      | cpu       |  256 | f16   |       — |         — |           — |                 — | unsupported: cpu runner has no f16 matmul                 |    — |

      ## conv2d

      Fixed: \`n=8\`, \`c=64\`, \`h=56\`, \`w=56\`, \`k=64\`, \`kernel=3x3\`, \`stride=1\`, \`pad=1\`

      | backend   | dtype |  median |    ± CI95 |  throughput |       max rel err | status | ×cpu |
      | --------- | ----- | ------: | --------: | ----------: | ----------------: | ------ | ---: |
      | cpu       | f32   | 12.1 ms |  ± 109 µs | 153 GFLOP/s | 1.2e-6 ≤ 1.0e-4 ✓ | ok     | 1.0× |
      | torch-cpu | f32   | 8.01 ms | ± 72.0 µs | 231 GFLOP/s | 9.5e-7 ≤ 1.0e-4 ✓ | ok     | 1.5× |

      ## Cases that did not complete

      - \`torch-cpu/matmul m=1024 n=512 k=512 dtype=f32\`: failed (verify): max relative error 3.2e-2 exceeds tolerance 1.0e-4 (worst at C[17, 301])
      - \`cpu/matmul m=256 n=512 k=512 dtype=f16\`: unsupported: cpu runner has no f16 matmul

      ---

      Times are medians of per-iteration times; ± is half the width of the 95% confidence interval of the median. FLOP/s use decimal prefixes (1 GFLOP/s = 10⁹ FLOP/s); bytes use binary prefixes (1 GiB = 2³⁰ bytes). ×cpu is the \`cpu\` backend's median divided by this row's median, for the same case.
      "
    `);
  });

  it('names the spread p5–p95 when asked', () => {
    const md = markdownReporter.render(loadSmallResult(), { spread: 'p5-p95' });
    expect(md).toMatch(/\| +p5–p95 \|/);
    expect(md).toContain('p5–p95 are the 5th and 95th percentiles');
    expect(md).not.toContain('± CI95');
  });

  it('flags an incomplete run and a dirty tree, and lists GPUs', () => {
    const r = loadSmallResult();
    r.complete = false;
    r.env.tool.git = { commit: 'abcdef0123456789', dirty: true };
    r.env.gpus = [{ name: 'NVIDIA H100 80GB HBM3', memory_bytes: 80 * 2 ** 30 }];
    const md = markdownReporter.render(r);
    expect(md).toContain('> **Incomplete run:**');
    expect(md).toContain('commit abcdef012345 (dirty)');
    expect(md).toContain('- **GPUs:** NVIDIA H100 80GB HBM3 (80 GiB)');
  });

  it('escapes pipes and newlines inside cells', () => {
    expect(escapeCell('a|b\nc')).toBe('a\\|b c');
    expect(markdownTable(['x', 'y'], [['1|2', '3']], [false, true])).toBe(
      ['| x    |   y |', '| ---- | --: |', '| 1\\|2 |   3 |'].join('\n'),
    );
  });
});
