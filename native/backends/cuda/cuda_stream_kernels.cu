// Device kernels of the forward-only workloads (see cuda_stream_kernels.h).
#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <cfloat>

#include "cuda_device_io.cuh"
#include "cuda_stream_kernels.h"

namespace mpsbench::cuda {
namespace {

constexpr int kThreads = 256;


constexpr int kUnroll = 4;  // 16-byte vectors in flight per thread and loop step

/// dst = src in 16-byte vectors, grid-stride; each step loads kUnroll vectors before storing them,
/// with streaming cache hints (ld.global.cs / st.global.cs: each byte is touched once).
__global__ void copy_kernel(uint4* __restrict__ dst, const uint4* __restrict__ src, int64_t count) {
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  for (; i + (kUnroll - 1) * stride < count; i += kUnroll * stride) {
    uint4 v[kUnroll];
#pragma unroll
    for (int u = 0; u < kUnroll; ++u) v[u] = __ldcs(src + i + u * stride);
#pragma unroll
    for (int u = 0; u < kUnroll; ++u) __stcs(dst + i + u * stride, v[u]);
  }
  for (; i < count; i += stride) __stcs(dst + i, __ldcs(src + i));
}

/// a = b + s·c over `n` elements of T: 16-byte vectors (16 / sizeof(T) elements each, f32 math),
/// grid-stride with streaming hints, then the n % (16 / sizeof(T)) tail elements one by one.
template <typename T>
__global__ void triad_kernel(T* __restrict__ a, const T* __restrict__ b, const T* __restrict__ c, float s, int64_t n) {
  constexpr int kPer = int(sizeof(uint4) / sizeof(T));
  const int64_t chunks = n / kPer, stride = int64_t(gridDim.x) * blockDim.x;
  const int64_t first = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  const uint4* vb = reinterpret_cast<const uint4*>(b);
  const uint4* vc = reinterpret_cast<const uint4*>(c);
  uint4* va = reinterpret_cast<uint4*>(a);
  int64_t i = first;
  for (; i + stride < chunks; i += 2 * stride) {
    const uint4 b0 = __ldcs(vb + i), c0 = __ldcs(vc + i), b1 = __ldcs(vb + i + stride), c1 = __ldcs(vc + i + stride);
    uint4 a0, a1;
    const T *pb0 = reinterpret_cast<const T*>(&b0), *pc0 = reinterpret_cast<const T*>(&c0);
    const T *pb1 = reinterpret_cast<const T*>(&b1), *pc1 = reinterpret_cast<const T*>(&c1);
    T *pa0 = reinterpret_cast<T*>(&a0), *pa1 = reinterpret_cast<T*>(&a1);
#pragma unroll
    for (int e = 0; e < kPer; ++e) {
      store(pa0 + e, fmaf(s, load(pc0 + e), load(pb0 + e)));
      store(pa1 + e, fmaf(s, load(pc1 + e), load(pb1 + e)));
    }
    __stcs(va + i, a0);
    __stcs(va + i + stride, a1);
  }
  for (; i < chunks; i += stride) {
    const uint4 b0 = __ldcs(vb + i), c0 = __ldcs(vc + i);
    uint4 a0;
    const T *pb0 = reinterpret_cast<const T*>(&b0), *pc0 = reinterpret_cast<const T*>(&c0);
    T* pa0 = reinterpret_cast<T*>(&a0);
#pragma unroll
    for (int e = 0; e < kPer; ++e) store(pa0 + e, fmaf(s, load(pc0 + e), load(pb0 + e)));
    __stcs(va + i, a0);
  }
  if (first < n - chunks * kPer) {
    const int64_t j = chunks * kPer + first;
    store(a + j, fmaf(s, load(c + j), load(b + j)));
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

/// `sms` × the blocks of kThreads one SM holds at once (a full wave, no tail wave), at most `count` threads' worth.
unsigned wave_grid(const void* kernel, int64_t count, int sms) {
  int per_sm = 0;
  if (cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, kernel, kThreads, 0) != cudaSuccess || per_sm < 1) {
    cudaGetLastError();
    per_sm = 8;
  }
  const int64_t want = (count + kThreads - 1) / kThreads, cap = int64_t(sms > 0 ? sms : 132) * per_sm;
  return unsigned(want < 1 ? 1 : want > cap ? cap : want);
}

}  // namespace

unsigned copy_grid(int64_t bytes, int sms) {
  return wave_grid(reinterpret_cast<const void*>(copy_kernel), bytes / 16, sms);
}

cudaError_t launch_copy(void* dst, const void* src, int64_t bytes, unsigned grid, cudaStream_t stream) {
  copy_kernel<<<grid, kThreads, 0, stream>>>(static_cast<uint4*>(dst), static_cast<const uint4*>(src), bytes / 16);
  return cudaGetLastError();
}

unsigned triad_grid(Storage t, int64_t count, int sms) {
  switch (t) {
    case Storage::F32: return wave_grid(reinterpret_cast<const void*>(triad_kernel<float>), count / 4, sms);
    case Storage::F16: return wave_grid(reinterpret_cast<const void*>(triad_kernel<__half>), count / 8, sms);
    case Storage::BF16: return wave_grid(reinterpret_cast<const void*>(triad_kernel<__nv_bfloat16>), count / 8, sms);
  }
  return 1;
}

cudaError_t launch_triad(Storage t, void* a, const void* b, const void* c, float scalar, int64_t count, unsigned grid,
                         cudaStream_t stream) {
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
