import { describe, expect, it } from 'vitest';
import { consoleReporter } from '../../../src/reporters/index.js';
import { ANSI, loadSmallResult } from './fixture.js';

describe('console reporter', () => {
  it('renders the small fixture without colour', () => {
    expect(consoleReporter.render(loadSmallResult(), { color: false })).toMatchInlineSnapshot(`
      "mpsbench 0.1.0 (2dcbc75) · ci-linux-x64 · 2025-06-11T09:30:00.000Z

      matmul  n=512 k=512
      ┌───────────┬──────┬───────┬─────────┬───────────┬─────────────┬───────────────────┬───────────────────────────────────────────────────────────┬──────┐
      │ backend   │    m │ dtype │  median │    ± CI95 │  throughput │       max rel err │ status                                                    │ ×cpu │
      ├───────────┼──────┼───────┼─────────┼───────────┼─────────────┼───────────────────┼───────────────────────────────────────────────────────────┼──────┤
      │ cpu       │  256 │ f32   │  501 µs │ ± 4.50 µs │ 268 GFLOP/s │ 2.4e-7 ≤ 1.0e-4 ✓ │ ok                                                        │ 1.0× │
      │ torch-cpu │  256 │ f32   │  401 µs │ ± 3.60 µs │ 335 GFLOP/s │ 3.1e-7 ≤ 1.0e-4 ✓ │ ok                                                        │ 1.3× │
      │ cpu       │ 1024 │ f32   │ 2.00 ms │ ± 18.0 µs │ 268 GFLOP/s │ 4.8e-7 ≤ 1.0e-4 ✓ │ ok                                                        │ 1.0× │
      │ torch-cpu │ 1024 │ f32   │       — │         — │           — │ 3.2e-2 > 1.0e-4 ✗ │ failed (verify): max relative error 3.2e-2 exceeds toler… │    — │
      └───────────┴──────┴───────┴─────────┴───────────┴─────────────┴───────────────────┴───────────────────────────────────────────────────────────┴──────┘

      conv2d  n=8 c=64 h=56 w=56 k=64 kernel=3x3 stride=1 pad=1
      ┌───────────┬───────┬─────────┬───────────┬─────────────┬───────────────────┬────────┬──────┐
      │ backend   │ dtype │  median │    ± CI95 │  throughput │       max rel err │ status │ ×cpu │
      ├───────────┼───────┼─────────┼───────────┼─────────────┼───────────────────┼────────┼──────┤
      │ cpu       │ f32   │ 12.1 ms │  ± 109 µs │ 153 GFLOP/s │ 1.2e-6 ≤ 1.0e-4 ✓ │ ok     │ 1.0× │
      │ torch-cpu │ f32   │ 8.01 ms │ ± 72.0 µs │ 231 GFLOP/s │ 9.5e-7 ≤ 1.0e-4 ✓ │ ok     │ 1.5× │
      └───────────┴───────┴─────────┴───────────┴─────────────┴───────────────────┴────────┴──────┘

      - cpu: 1 case(s) unsupported (matmul f16)

      1 case(s) did not complete:
        torch-cpu/matmul m=1024 n=512 k=512 dtype=f32: failed (verify): max relative error 3.2e-2 exceeds tolerance 1.0e-4 (worst at C[17, 301])
      "
    `);
  });

  it('writes no ANSI escape without colour, by default too', () => {
    expect(consoleReporter.render(loadSmallResult(), { color: false })).not.toMatch(ANSI);
    expect(consoleReporter.render(loadSmallResult())).not.toMatch(ANSI);
  });

  it('colours when asked, whatever the environment says', () => {
    const out = consoleReporter.render(loadSmallResult(), { color: true });
    expect(out).toMatch(ANSI);
    expect(out).toContain('\u001b[31m'); // red: the failed case
    expect(out).toContain('\u001b[32m'); // green: ok and ✓
  });
});
