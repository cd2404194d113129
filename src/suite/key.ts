/**
 * Case keys: the text that names a case in results, reports and `--case`, and that `compare`
 * joins two result files on. Keys must stay stable across versions: a parameter equal to its
 * default is left out, so adding a new parameter with a default keeps every existing key; the
 * timing model likewise appears only when it differs from the workload's default.
 */
import { specValue, type CaseSpec, type TimingModel } from '../types.js';
import { getWorkload } from '../workloads/index.js';
import { timingSuffix } from '../workloads/timing-key.js';

export { timedSpec } from '../workloads/timing-key.js';
import { sameValue } from '../workloads/params.js';

/**
 * The case in `--case` syntax: `matmul m=2048 n=2048 k=2048 dtype=f32`. Workload first, then
 * parameters in definition order, omitting those equal to their default, then the dtype (always).
 */
export function specString(spec: CaseSpec): string {
  const workload = getWorkload(spec.workload);
  if (!workload) throw new Error(`specString: unknown workload ${spec.workload}`);
  const parts = [spec.workload];
  for (const def of workload.params) {
    const value = spec.params[def.name];
    if (value === undefined) throw new Error(`specString: ${spec.workload} case lacks ${def.name}`);
    if (def.default !== undefined && sameValue(value, def.default)) continue;
    parts.push(`${def.name}=${specValue(value)}`);
  }
  parts.push(`dtype=${spec.dtype}`);
  return parts.join(' ');
}

/**
 * The stable join key of a case on a backend: `cpu/matmul m=256 n=256 k=256 dtype=f32`, with
 * ` timing=<model>` appended when `timing` is given and differs from the workload's default
 * (`cpu/matmul … dtype=f32 timing=isolated`), so keys written before timing existed still match.
 */
export function caseKey(backend: string, spec: CaseSpec, timing?: TimingModel): string {
  return `${backend}/${specString(spec)}${timing === undefined ? '' : timingSuffix(spec.workload, timing)}`;
}

