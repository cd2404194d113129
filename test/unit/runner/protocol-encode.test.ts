import { describe, expect, it } from 'vitest';
import { checkRunReply, ProtocolViolation } from '../../../src/runner/protocol.js';

const reply = (extra: Record<string, unknown>): Record<string, unknown> => ({
  id: 1, op: 'run', ok: true, timer: 'gpu', iters_per_sample: 2, samples_ns: [10, 20], wall_samples_ns: [15, 25],
  verify: { max_rel_err: 0, checked: 1 }, ...extra,
});

describe('encode_samples_ns in run replies', () => {
  it('is kept when it has one finite, non-negative number per sample', () => {
    const r = checkRunReply(reply({ encode_samples_ns: [0, 3.5] }));
    expect(r.ok && r.encode_samples_ns).toEqual([0, 3.5]);
  });
  it('is refused with another length, a negative or non-finite entry, or a non-array', () => {
    for (const bad of [[1], [1, 2, 3], [1, -1], [1, null], 'x', [1, Number.POSITIVE_INFINITY]]) {
      expect(() => checkRunReply(reply({ encode_samples_ns: bad }))).toThrow(ProtocolViolation);
    }
  });
});
