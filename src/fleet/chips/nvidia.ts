/**
 * NVIDIA datacenter GPUs: dense peaks per dtype. f32 is the non-tensor FP32 peak; tf32, f16 and
 * bf16 are the dense tensor-core peaks. NVIDIA's Hopper datasheets print tensor figures *with*
 * 2:4 sparsity ("specifications 1/2 lower without sparsity"), so those are halved here; the A100
 * datasheet prints dense figures directly. Every figure carries the page it was read from.
 */
import { GBPS, tf, type ChipConfig, type ChipSpec } from './types.js';

/** Dense peaks in TFLOP/s: FP32 (CUDA cores), TF32 / FP16 / BF16 (tensor cores). */
function dense(f32: number, tf32: number, f16: number, bf16: number, bandwidthGBps: number): ChipConfig {
  return {
    peaks: { f32: tf(f32), tf32: tf(tf32), f16: tf(f16), bf16: tf(bf16) },
    bandwidth: bandwidthGBps * GBPS,
  };
}

const HOPPER_DATASHEET =
  'NVIDIA H100 Tensor Core GPU datasheet, specification table (H100 SXM / H100 PCIe) as reproduced at ' +
  'https://archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html; dense cross-check: ' +
  'https://glennklockwood.com/garden/processors/h100 (TF32 494.7, FP16/BF16 989.4 TFLOPS dense)';

const SPARSITY_NOTE = 'tensor peaks are the datasheet figures (with sparsity) halved to dense';

const A100_SOURCE =
  'NVIDIA A100 datasheet (nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf) as tabulated at ' +
  'https://glennklockwood.com/garden/processors/A100; bandwidth (40 GB 1,555 GB/s, 80 GB 2,039 GB/s): ' +
  'https://www.thundercompute.com/blog/nvidia-a100-specs-full-guide';

/** NVIDIA datacenter GPUs: H100 SXM/PCIe, H200 (SXM), A100 SXM4 40/80 GB. */
export const NVIDIA_CHIPS: readonly ChipSpec[] = [
  {
    id: 'nvidia-h100-sxm',
    name: 'NVIDIA H100 SXM',
    vendor: 'nvidia',
    configs: [dense(67, 989 / 2, 1979 / 2, 1979 / 2, 3350)],
    source: HOPPER_DATASHEET,
    note: SPARSITY_NOTE,
  },
  {
    id: 'nvidia-h100-pcie',
    name: 'NVIDIA H100 PCIe',
    vendor: 'nvidia',
    configs: [dense(51, 756 / 2, 1513 / 2, 1513 / 2, 2000)],
    source: `${HOPPER_DATASHEET}; bandwidth: NVIDIA H100 PCIe product brief PB-11133-001_v02 (Nov 2022)`,
    note: SPARSITY_NOTE,
  },
  {
    id: 'nvidia-h200',
    name: 'NVIDIA H200 SXM',
    vendor: 'nvidia',
    configs: [dense(67, 989 / 2, 1979 / 2, 1979 / 2, 4800)],
    source:
      'FP32 66.91 TFLOPS: https://hmc-tech.com/gpu/nvidia-h100-vs-nvidia-h200-sxm-vs-nvidia-gb200; ' +
      'BF16 1,979 TFLOPS (sparse), 4.8 TB/s: https://ai-hpc.github.io/ai-hardware-engineer-roadmap/ ' +
      '(8x H200 node page); same GH100 compute as H100 SXM: https://aiwiki.ai/wiki/nvidia_h200',
    note:
      `${SPARSITY_NOTE}; NVIDIA's own H200 datasheet was not reachable when this table was written, ` +
      'so these are secondary sources (H200 NVL has lower peaks and is not matched)',
  },
  {
    id: 'nvidia-a100-sxm-80gb',
    name: 'NVIDIA A100 SXM4 80GB',
    vendor: 'nvidia',
    configs: [dense(19.5, 156, 312, 312, 2039)],
    source: A100_SOURCE,
  },
  {
    id: 'nvidia-a100-sxm-40gb',
    name: 'NVIDIA A100 SXM4 40GB',
    vendor: 'nvidia',
    configs: [dense(19.5, 156, 312, 312, 1555)],
    source: A100_SOURCE,
  },
];
