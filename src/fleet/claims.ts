/**
 * The seed article's claims, checked against the merged files where they hold the cases a claim
 * is about, and otherwise answered with the run that would check it. A claim is about a GPU path
 * (backend) against a CPU baseline of the same framework on the same Mac; the files decide, and
 * nothing is inferred from another backend or another chip.
 */
import type { Comparison } from './types.js';
import { familySpeedups, type FamilySpeedup } from './overview.js';

/** One claim and what would check it. */
export interface Claim {
  id: string;
  text: string;
  factor: number;
  /** GPU backends the claim is about, and the CPU baseline it is measured against. */
  backends: readonly string[];
  baseline: 'torch-cpu' | 'tf-cpu';
  /** Workload families it covers (undefined: any). */
  workloads?: readonly string[];
  /** The run that would check it, shown when the files cannot. */
  howToCheck: string;
}

/** The claims of the article this tool was made from (the "up to 4.7× faster" kind the README opens with), checked by `report`. */
export const CLAIMS: readonly Claim[] = [
  {
    id: 'pytorch-mps',
    text: 'PyTorch on MPS up to 4.7× faster than the CPU',
    factor: 4.7,
    backends: ['torch-mps'],
    baseline: 'torch-cpu',
    howToCheck: 'on an Apple-silicon Mac: mpsbench run suites/pytorch-mps-vs-cpu.yaml (torch-mps against torch-cpu in one run), then mpsbench report on its result file',
  },
  {
    id: 'tf-metal',
    text: "TensorFlow's Metal plugin up to 8× faster training",
    factor: 8,
    backends: ['tf-gpu'],
    baseline: 'tf-cpu',
    workloads: ['train'],
    howToCheck: 'on an Apple-silicon Mac with tensorflow-metal installed: mpsbench run suites/tf-metal-vs-cpu.yaml (tf-gpu against tf-cpu), then mpsbench report on its result file',
  },
];

/** A claim with the files' verdict. */
export interface ClaimCheck {
  claim: Claim;
  /** The measured speed-ups the claim is about (largest first); empty when unchecked. */
  measured: FamilySpeedup[];
  /** `reached` (interval above the factor), `not reached` (below), `inconclusive`, `unchecked`. */
  verdict: 'reached' | 'not reached' | 'inconclusive' | 'unchecked';
}

/** Whether a speed-up row is one the claim is about (an Apple GPU path against its baseline). */
function about(claim: Claim, s: FamilySpeedup): boolean {
  return (
    claim.backends.includes(s.backend) &&
    s.baseline === claim.baseline &&
    (claim.workloads === undefined || claim.workloads.includes(s.workload))
  );
}

/** Checks every claim against the comparison. */
export function checkClaims(cmp: Comparison): ClaimCheck[] {
  const all = familySpeedups(cmp);
  return CLAIMS.map((claim) => {
    const measured = all.filter((s) => about(claim, s)).sort((a, b) => b.best.value - a.best.value);
    const top = measured[0];
    if (top === undefined) return { claim, measured, verdict: 'unchecked' };
    const lo = top.best.ci?.lo ?? top.best.value;
    const hi = top.best.ci?.hi ?? top.best.value;
    const verdict = lo >= claim.factor ? 'reached' : hi < claim.factor ? 'not reached' : 'inconclusive';
    return { claim, measured, verdict };
  });
}
