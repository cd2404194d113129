// Device kernels of the forward-only workloads (see cuda_stream_kernels.h).
#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <cfloat>

#include "cuda_device_io.cuh"
#include "cuda_stream_kernels.h"

namespace mpsbench::cuda {
namespace {

constexpr int kThreads = 256;


__global__ void copy_kernel(uint4* __restrict__ dst, const uint4* __restrict__ src, int64_t count) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count; i += int64_t(gridDim.x) * blockDim.x) {
    dst[i] = src[i];
  }
}

template <typename T>
__global__ void triad_kernel(T* __restrict__ a, const T* __restrict__ b, const T* __restrict__ c, float s, int64_t n) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
    store(a + i, fmaf(s, load(c + i), load(b + i)));
  }
}

/// Block-wide reduction of `v` (max or sum) through shared memory; every thread gets the result.
template <bool kMax>
__device__ float block_reduce(float v, float* shared) {
  for (int off = 16; off > 0; off >>= 1) {
    const float o = __shfl_xor_sync(0xffffffffu, v, off);
    v = kMax ? fmaxf(v, o) : v + o;
  }
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  if (lane == 0) shared[warp] = v;
  __syncthreads();
  v = threadIdx.x < blockDim.x / 32 ? shared[threadIdx.x] : (kMax ? -FLT_MAX : 0.0f);
  if (warp == 0) {
    for (int off = 16; off > 0; off >>= 1) {
      const float o = __shfl_xor_sync(0xffffffffu, v, off);
      v = kMax ? fmaxf(v, o) : v + o;
    }
    if (lane == 0) shared[0] = v;
  }
  __syncthreads();
  const float out = shared[0];
  __syncthreads();
  return out;
}

template <typename T>
__global__ void row_softmax_kernel(T* s, int64_t cols, int64_t seq, bool causal, float scale) {
  __shared__ float shared[32];
  T* row = s + blockIdx.x * cols;
  const int64_t visible = causal ? (int64_t(blockIdx.x) % seq) + 1 : cols;
  float top = -FLT_MAX;
  for (int64_t j = threadIdx.x; j < visible; j += blockDim.x) top = fmaxf(top, scale * load(row + j));
  top = block_reduce<true>(top, shared);
  float sum = 0.0f;
  for (int64_t j = threadIdx.x; j < visible; j += blockDim.x) sum += __expf(scale * load(row + j) - top);
  sum = block_reduce<false>(sum, shared);
  const float inv = 1.0f / sum;
  for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
    store(row + j, j < visible ? __expf(scale * load(row + j) - top) * inv : 0.0f);
  }
}

unsigned grid_for(int64_t count, int sms) {
  const int64_t want = (count + kThreads - 1) / kThreads, cap = int64_t(sms > 0 ? sms : 132) * 16;
  return unsigned(want < 1 ? 1 : want > cap ? cap : want);
}

}  // namespace

cudaError_t launch_copy(void* dst, const void* src, int64_t bytes, int sms, cudaStream_t stream) {
  const int64_t count = bytes / 16;
  copy_kernel<<<grid_for(count, sms), kThreads, 0, stream>>>(static_cast<uint4*>(dst), static_cast<const uint4*>(src), count);
  return cudaGetLastError();
}

cudaError_t launch_triad(Storage t, void* a, const void* b, const void* c, float scalar, int64_t count, int sms,
                         cudaStream_t stream) {
  const unsigned grid = grid_for(count, sms);
  switch (t) {
    case Storage::F32:
      triad_kernel<<<grid, kThreads, 0, stream>>>(static_cast<float*>(a), static_cast<const float*>(b),
                                                  static_cast<const float*>(c), scalar, count);
      break;
    case Storage::F16:
      triad_kernel<<<grid, kThreads, 0, stream>>>(static_cast<__half*>(a), static_cast<const __half*>(b),
                                                  static_cast<const __half*>(c), scalar, count);
      break;
    case Storage::BF16:
      triad_kernel<<<grid, kThreads, 0, stream>>>(static_cast<__nv_bfloat16*>(a), static_cast<const __nv_bfloat16*>(b),
                                                  static_cast<const __nv_bfloat16*>(c), scalar, count);
      break;
  }
  return cudaGetLastError();
}

cudaError_t launch_row_softmax(Storage t, void* s, int64_t rows, int64_t cols, int64_t seq, bool causal, float scale,
                               cudaStream_t stream) {
  const auto grid = unsigned(rows);
  switch (t) {
    case Storage::F32: row_softmax_kernel<<<grid, kThreads, 0, stream>>>(static_cast<float*>(s), cols, seq, causal, scale); break;
    case Storage::F16: row_softmax_kernel<<<grid, kThreads, 0, stream>>>(static_cast<__half*>(s), cols, seq, causal, scale); break;
    case Storage::BF16:
      row_softmax_kernel<<<grid, kThreads, 0, stream>>>(static_cast<__nv_bfloat16*>(s), cols, seq, causal, scale);
      break;
  }
  return cudaGetLastError();
}

}  // namespace mpsbench::cuda
