/**
 * `bandwidth`: STREAM-style memory traffic (McCalpin's copy `b = a` and triad `a = b + s·c`, s = 3)
 * over arrays of `mib` MiB each (docs/protocol.md §4). Its bytes/s is the measured memory ceiling
 * of a machine: the bandwidth roof of the roofline wherever no datasheet figure is known.
 */
import { num, str } from './params.js';
import { dtypeTolerance } from './tolerance.js';
import type { WorkloadDef } from './types.js';
import { dtypeBytes, MAX_TENSOR_ELEMENTS, type Dtype, type Params } from '../types.js';


/** Elements of each array. */
export function bandwidthElements(p: Params, dtype: Dtype): number {
  return Math.floor((num(p, 'mib') * 2 ** 20) / dtypeBytes(dtype));
}

/** Arrays the operation touches: copy reads 1 and writes 1, triad reads 2 and writes 1. */
function arrays(p: Params): number {
  return str(p, 'op') === 'triad' ? 3 : 2;
}

/** The bandwidth workload definition. */
export const bandwidth: WorkloadDef = {
  name: 'bandwidth',
  description: 'STREAM copy (b = a) or triad (a = b + 3·c) over arrays of the given size.',
  smallCase: { op: 'triad', mib: 1 },
  tolerance: dtypeTolerance,
  dtypes: ['f32', 'f16', 'bf16'],
  rate: 'bytes',
  params: [
    { name: 'op', kind: 'enum', values: ['copy', 'triad'], default: 'copy', doc: 'copy or triad.' },
    { name: 'mib', kind: 'int', min: 1, max: 2 ** 20, default: 256, doc: 'Size of each array in MiB (default 256, above any last-level cache).' },
  ],
  validate(p: Params, dtype: Dtype): string[] {
    const n = bandwidthElements(p, dtype);
    return n > MAX_TENSOR_ELEMENTS ? [`each array would hold ${n} elements, above 2^34`] : [];
  },
  flop(p: Params, dtype: Dtype): number {
    // triad: one multiply and one add per element; copy does no arithmetic.
    return str(p, 'op') === 'triad' ? 2 * bandwidthElements(p, dtype) : 0;
  },
  bytes(p: Params, dtype: Dtype): number {
    // STREAM's count: every array read or written once (no write-allocate traffic).
    return arrays(p) * bandwidthElements(p, dtype) * dtypeBytes(dtype);
  },
  samples(): undefined {
    return undefined;
  },
  workingSetBytes(p: Params, dtype: Dtype): number {
    return arrays(p) * bandwidthElements(p, dtype) * dtypeBytes(dtype);
  },
};
