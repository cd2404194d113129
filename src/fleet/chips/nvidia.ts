/**
 * NVIDIA datacenter GPUs: dense peaks per dtype. f32 is the non-tensor FP32 peak; tf32, f16 and
 * bf16 are the dense tensor-core peaks. NVIDIA's Hopper datasheets print tensor figures *with*
 * 2:4 sparsity ("specifications 1/2 lower without sparsity"), so those are halved here; the A100
 * datasheet prints dense figures directly. Every figure cites the vendor document it was read from (sources.ts).
 */
import { NVIDIA_A100_DATASHEET, NVIDIA_H100_DATASHEET, NVIDIA_H200_DATASHEET } from './sources.js';
import { GBPS, tf, type ChipConfig, type ChipSpec } from './types.js';

/** Dense peaks in TFLOP/s: FP32 (CUDA cores), TF32 / FP16 / BF16 (tensor cores). */
function dense(f32: number, tf32: number, f16: number, bf16: number, bandwidthGBps: number): ChipConfig {
  return {
    peaks: { f32: tf(f32), tf32: tf(tf32), f16: tf(f16), bf16: tf(bf16) },
    bandwidth: bandwidthGBps * GBPS,
  };
}

const SPARSITY_NOTE = 'tensor peaks are the datasheet figures (with sparsity) halved to dense';

/** NVIDIA datacenter GPUs: H100 SXM/PCIe, H200 (SXM), A100 SXM4 40/80 GB. */
export const NVIDIA_CHIPS: readonly ChipSpec[] = [
  {
    id: 'nvidia-h100-sxm',
    name: 'NVIDIA H100 SXM',
    vendor: 'nvidia',
    configs: [dense(67, 989 / 2, 1979 / 2, 1979 / 2, 3350)],
    sources: [NVIDIA_H100_DATASHEET],
    note: SPARSITY_NOTE,
  },
  {
    id: 'nvidia-h100-pcie',
    name: 'NVIDIA H100 PCIe',
    vendor: 'nvidia',
    configs: [dense(51, 756 / 2, 1513 / 2, 1513 / 2, 2000)],
    sources: [NVIDIA_H100_DATASHEET],
    note: SPARSITY_NOTE,
  },
  {
    id: 'nvidia-h200',
    name: 'NVIDIA H200 SXM',
    vendor: 'nvidia',
    configs: [dense(67, 989 / 2, 1979 / 2, 1979 / 2, 4800)],
    sources: [NVIDIA_H200_DATASHEET],
    note: `${SPARSITY_NOTE}; H200 NVL has lower peaks and is not matched`,
  },
  {
    id: 'nvidia-a100-sxm-80gb',
    name: 'NVIDIA A100 SXM4 80GB',
    vendor: 'nvidia',
    configs: [dense(19.5, 156, 312, 312, 2039)],
    sources: [NVIDIA_A100_DATASHEET],
  },
  {
    id: 'nvidia-a100-sxm-40gb',
    name: 'NVIDIA A100 SXM4 40GB',
    vendor: 'nvidia',
    configs: [dense(19.5, 156, 312, 312, 1555)],
    sources: [NVIDIA_A100_DATASHEET],
  },
];
