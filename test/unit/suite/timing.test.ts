/**
 * The timing model on mpsbench's side (issue 19): suite and case `timing:`, the workload defaults
 * (isolated for infer), keys that name the model only when it differs from that default,
 * `--case … timing=`, `run --timing`, and the runner's echo.
 */
import { describe, expect, test } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { validateResult } from '../../../src/results/read.js';
import { loadSmallResult } from '../reporters/fixture.js';
import { resolveSettings } from '../../../src/run/settings.js';
import { checkRunReply, timingEchoProblem, ProtocolViolation, type RunOk } from '../../../src/runner/protocol.js';
import { parseCaseSweep } from '../../../src/suite/case-arg.js';
import { expandSuite } from '../../../src/suite/expand.js';
import { parseSuiteText } from '../../../src/suite/load.js';
import { timingOf } from '../../../src/types.js';
import { defaultTimingFor } from '../../../src/workloads/index.js';

const MM = '  - workload: matmul\n    params: {m: 8, n: 8, k: 8}\n';
const INFER = '  - workload: infer\n    params: {layers: [8, 4], batch: 1}\n';

function keys(text: string, override?: 'streamed' | 'isolated'): [string, string | undefined][] {
  return expandSuite(parseSuiteText(text, 's.yaml'), ['cpu'], undefined, override).map((c) => [c.key, c.timing]);
}

describe('suite timing', () => {
  test('defaults: streamed, isolated for infer; keys keep their old form at the default', () => {
    expect(defaultTimingFor('matmul')).toBe('streamed');
    expect(defaultTimingFor('infer')).toBe('isolated');
    expect(keys(`name: t\ncases:\n${MM}${INFER}`)).toEqual([
      ['cpu/matmul m=8 n=8 k=8 dtype=f32', 'streamed'],
      ['cpu/infer layers=8,4 dtype=f32', 'isolated'],
    ]);
  });

  test('suite level, case level (which wins) and --timing (which wins over both)', () => {
    const text = `name: t\ntiming: isolated\ncases:\n${MM}${INFER}  - workload: matmul\n    timing: streamed\n    params: {m: 4, n: 4, k: 4}\n`;
    expect(keys(text)).toEqual([
      ['cpu/matmul m=8 n=8 k=8 dtype=f32 timing=isolated', 'isolated'],
      ['cpu/infer layers=8,4 dtype=f32', 'isolated'],
      ['cpu/matmul m=4 n=4 k=4 dtype=f32', 'streamed'],
    ]);
    expect(keys(text, 'streamed').map(([k]) => k)).toEqual([
      'cpu/matmul m=8 n=8 k=8 dtype=f32',
      'cpu/infer layers=8,4 dtype=f32 timing=streamed',
      'cpu/matmul m=4 n=4 k=4 dtype=f32',
    ]);
  });

  test('a bad value is one file:line:col line, exit 2', () => {
    for (const [text, at] of [
      [`name: t\ntiming: burst\ncases:\n${MM}`, 's.yaml:2:9: timing must be streamed or isolated, got "burst"'],
      [`name: t\ncases:\n  - workload: matmul\n    timing: Isolated\n    params: {m: 8, n: 8, k: 8}\n`, 's.yaml:4:13: cases[0].timing must be streamed or isolated, got "Isolated"'],
    ] as const) {
      const err = (() => {
        try {
          parseSuiteText(text, 's.yaml');
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message).toBe(at);
      expect((err as InputError).exitCode).toBe(2);
    }
  });

  test('--case takes timing= (so a key copied from a report runs again) and refuses others', () => {
    expect(parseCaseSweep('matmul m=8 n=8 k=8 timing=isolated').timing).toBe('isolated');
    expect(() => parseCaseSweep('matmul m=8 n=8 k=8 timing=fast')).toThrow(UsageError);
    expect(() => parseCaseSweep('matmul m=8 n=8 k=8 timing=streamed,isolated')).toThrow(/timing is one of streamed, isolated/);
  });

  test('--timing: parsed into the settings, anything else is a usage error', () => {
    expect(resolveSettings([], { timing: 'isolated' }).timing).toBe('isolated');
    expect(resolveSettings([], {}).timing).toBeUndefined();
    expect(() => resolveSettings([], { timing: 'latency' })).toThrow('--timing must be streamed or isolated, got "latency"');
  });
});

describe('the runner echo', () => {
  const reply = (extra: Record<string, unknown>): RunOk =>
    checkRunReply({ id: 1, op: 'run', ok: true, timer: 'wall', iters_per_sample: 1, samples_ns: [5], verify: { max_rel_err: 0, checked: 1 }, ...extra }) as RunOk;

  test('no echo is streamed: fine for streamed, a per-case message for isolated', () => {
    expect(timingEchoProblem('streamed', reply({}))).toBeUndefined();
    expect(timingEchoProblem('isolated', reply({}))).toMatch(/does not implement the isolated timing model/);
    expect(timingEchoProblem('isolated', reply({ timing: 'isolated' }))).toBeUndefined();
  });

  test('an echo of the other model, or of no model, breaks the protocol', () => {
    expect(() => timingEchoProblem('isolated', reply({ timing: 'streamed' }))).toThrow(ProtocolViolation);
    expect(() => reply({ timing: 'burst' })).toThrow(ProtocolViolation);
  });
});

describe('result files', () => {
  test('timing absent reads as streamed; a bad one is refused', () => {
    expect(timingOf({})).toBe('streamed');
    const doc = loadSmallResult();
    expect(validateResult(doc, 'r.json').results.length).toBeGreaterThan(0);
    const first = doc.results[0];
    if (first) (first as unknown as Record<string, unknown>).timing = 'burst';
    expect(() => validateResult(doc, 'r.json')).toThrow(/has timing "burst"/);
  });
});
