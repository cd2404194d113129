/**
 * The documents peak figures come from, each defined once so a report cites it once (in its
 * sources section) and links to it from every peak that uses it, instead of repeating a long
 * string. Vendor documents come first; secondary pages are named as such.
 */

/** One cited document. `id` is stable (used as the HTML anchor `src-<id>`). */
export interface Source {
  id: string;
  /** Who published it and what it is: `NVIDIA H200 Tensor Core GPU product page, specifications`. */
  title: string;
  url?: string;
  /** What was read from it, or a caveat. */
  note?: string;
}

/** NVIDIA's H100 datasheet (SXM and PCIe columns of the specification table). */
export const NVIDIA_H100_DATASHEET: Source = {
  id: 'nvidia-h100-datasheet',
  title: 'NVIDIA H100 Tensor Core GPU datasheet, specifications table (H100 SXM, H100 PCIe)',
  url: 'https://www.nvidia.com/en-us/data-center/h100/',
  note: 'FP32 67 / 51 TFLOPS; TF32, FP16, BF16 tensor figures printed with sparsity (989 / 1,979 TFLOPS SXM), halved here to dense; 3.35 TB/s SXM, 2 TB/s PCIe',
};

/** NVIDIA's H200 product page / datasheet (H200 SXM column). */
export const NVIDIA_H200_DATASHEET: Source = {
  id: 'nvidia-h200-datasheet',
  title: 'NVIDIA H200 Tensor Core GPU datasheet / product page, specifications table (H200 SXM)',
  url: 'https://www.nvidia.com/en-us/data-center/h200/',
  note: 'FP32 67 TFLOPS; TF32 989, FP16/BF16 1,979 TFLOPS tensor, printed with sparsity, halved here to dense; 141 GB HBM3e at 4.8 TB/s. The same GH100 compute figures as the H100 SXM datasheet',
};

/** NVIDIA's A100 datasheet (dense tensor figures printed directly). */
export const NVIDIA_A100_DATASHEET: Source = {
  id: 'nvidia-a100-datasheet',
  title: 'NVIDIA A100 Tensor Core GPU datasheet (nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf)',
  url: 'https://www.nvidia.com/en-us/data-center/a100/',
  note: 'FP32 19.5, TF32 156, FP16/BF16 312 TFLOPS dense; 1,555 GB/s (40 GB), 2,039 GB/s (80 GB SXM)',
};

/** Apple's M1/M2-family figures as derived from published clocks (no Apple TFLOPS per config). */
export const APPLE_M1_M2: Source = {
  id: 'apple-m1-m2',
  title: 'Apple M1/M2 GPU peaks: cores × 128 ALUs × 2 (FMA) × clock, clocks from philipturner/metal-benchmarks; bandwidth from Apple newsroom press releases',
  url: 'https://github.com/philipturner/metal-benchmarks',
  note: 'GPU clocks M1 1.278 GHz, M1 Pro/Max/Ultra 1.296, M2 family 1.398 (mps-notes.md §6)',
};

/** Apple's M3/M4-family core counts and bandwidth (Apple does not publish these clocks). */
export const APPLE_M3_M4: Source = {
  id: 'apple-m3-m4',
  title: 'Apple M3/M4 GPU cores and bandwidth from Apple newsroom launch releases; peak = cores × 128 × 2 × clock for a 1.38–1.60 GHz clock range',
  url: 'https://www.apple.com/newsroom/',
  note: 'Apple does not publish M3/M4 GPU clocks, so peaks and percentages are ranges',
};

/** AMD's and Intel's product pages for the CPU arithmetic-peak table. */
export const CPU_VENDOR_PAGES: Source = {
  id: 'cpu-vendor-pages',
  title: 'CPU core counts and max boost clocks from AMD product pages (amd.com/en/products/processors/server/epyc) and Intel ARK (ark.intel.com); SIMD width and FMA units per core from the vendors\' optimization manuals',
  url: 'https://ark.intel.com/',
};
