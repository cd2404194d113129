// Device kernels of the CUDA backend's MLP step (see cuda_kernels.h). Values are loaded as float,
// computed in float and stored back in the tensor's type (round to nearest even).
#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <algorithm>
#include <type_traits>

#include "cuda_device_io.cuh"
#include "cuda_kernels.h"

namespace mpsbench::cuda {
namespace {

constexpr int kThreads = 256;


/// Blocks for a grid-stride loop over `count` elements.
unsigned grid_for(int64_t count) {
  const int64_t blocks = (count + kThreads - 1) / kThreads;
  return unsigned(std::clamp<int64_t>(blocks, 1, 65535));
}

template <typename T>
__global__ void bias_act_kernel(T* z, T* h, const float* bias, int64_t rows, int64_t cols) {
  const int64_t count = rows * cols;
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count; i += int64_t(gridDim.x) * blockDim.x) {
    store(z + i, load(z + i) + bias[i % cols]);
    if (h) store(h + i, fmaxf(load(z + i), 0.0f));
  }
}

template <typename T>
__global__ void relu_mask_kernel(T* dz, const T* z, int64_t count) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count; i += int64_t(gridDim.x) * blockDim.x) {
    if (!(load(z + i) > 0.0f)) store(dz + i, 0.0f);
  }
}

/// Sum (or max) of `v` over the block; every thread gets the result. `scratch` holds 32 floats.
template <bool Max>
__device__ float block_reduce(float v, float* scratch) {
  for (int off = 16; off > 0; off >>= 1) {
    const float o = __shfl_xor_sync(0xffffffffu, v, off);
    v = Max ? fmaxf(v, o) : v + o;
  }
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = (blockDim.x + 31) >> 5;
  __syncthreads();  // scratch may still be read by a previous reduction
  if (lane == 0) scratch[warp] = v;
  __syncthreads();
  v = lane < warps ? scratch[lane] : (Max ? -INFINITY : 0.0f);
  for (int off = 16; off > 0; off >>= 1) {
    const float o = __shfl_xor_sync(0xffffffffu, v, off);
    v = Max ? fmaxf(v, o) : v + o;
  }
  return v;
}

/// One block per row.
template <typename T>
__global__ void softmax_xent_kernel(const T* logits, const int32_t* labels, T* dz, float* row_loss,
                                    int64_t rows, int64_t classes, float grad_scale) {
  __shared__ float scratch[32];
  const int64_t r = blockIdx.x;
  const T* row = logits + r * classes;
  T* drow = dz + r * classes;
  float top = -INFINITY;
  for (int64_t j = threadIdx.x; j < classes; j += blockDim.x) top = fmaxf(top, load(row + j));
  top = block_reduce<true>(top, scratch);
  float sum = 0;
  for (int64_t j = threadIdx.x; j < classes; j += blockDim.x) sum += expf(load(row + j) - top);
  sum = block_reduce<false>(sum, scratch);
  const int32_t label = labels[r];
  const float inv_batch = grad_scale / float(rows), scale = grad_scale / (sum * float(rows));
  for (int64_t j = threadIdx.x; j < classes; j += blockDim.x) {
    const float p = expf(load(row + j) - top) * scale;
    store(drow + j, j == label ? p - inv_batch : p);
  }
  if (threadIdx.x == 0) row_loss[r] = top + logf(sum) - load(row + label);
}

__global__ void mean_kernel(const float* values, float* out, int64_t count) {
  __shared__ float scratch[32];
  float sum = 0;
  for (int64_t i = threadIdx.x; i < count; i += blockDim.x) sum += values[i];
  sum = block_reduce<false>(sum, scratch);
  if (threadIdx.x == 0) out[0] = sum / float(count);
}

/// Block (32, 8): 32 columns, rows split 8 ways, partial sums combined in shared memory.
template <typename T>
__global__ void bias_sgd_kernel(float* bias, const T* dz, int64_t rows, int64_t cols, float lr) {
  __shared__ float part[8][33];
  const int64_t c = blockIdx.x * int64_t(32) + threadIdx.x;
  float sum = 0;
  if (c < cols) {
    for (int64_t r = threadIdx.y; r < rows; r += 8) sum += load(dz + r * cols + c);
  }
  part[threadIdx.y][threadIdx.x] = sum;
  __syncthreads();
  if (threadIdx.y == 0 && c < cols) {
    float total = 0;
    for (int i = 0; i < 8; ++i) total += part[i][threadIdx.x];
    bias[c] -= lr * total;
  }
}

/// Calls f with a null pointer of the C++ type of `t` (for dispatch on the storage type).
template <typename F>
void dispatch(Storage t, F&& f) {
  switch (t) {
    case Storage::F32: f(static_cast<float*>(nullptr)); break;
    case Storage::F16: f(static_cast<__half*>(nullptr)); break;
    case Storage::BF16: f(static_cast<__nv_bfloat16*>(nullptr)); break;
  }
}

}  // namespace

cudaError_t launch_bias_act(Storage t, void* z, void* h, const float* bias, int64_t rows, int64_t cols,
                            cudaStream_t stream) {
  dispatch(t, [&](auto* tag) {
    using T = std::remove_pointer_t<decltype(tag)>;
    bias_act_kernel<T><<<grid_for(rows * cols), kThreads, 0, stream>>>(
        static_cast<T*>(z), static_cast<T*>(h), bias, rows, cols);
  });
  return cudaGetLastError();
}

cudaError_t launch_relu_mask(Storage t, void* dz, const void* z, int64_t count, cudaStream_t stream) {
  dispatch(t, [&](auto* tag) {
    using T = std::remove_pointer_t<decltype(tag)>;
    relu_mask_kernel<T><<<grid_for(count), kThreads, 0, stream>>>(static_cast<T*>(dz), static_cast<const T*>(z), count);
  });
  return cudaGetLastError();
}

cudaError_t launch_softmax_xent(Storage t, const void* logits, const int32_t* labels, void* dz, float* row_loss,
                                int64_t rows, int64_t classes, float grad_scale, cudaStream_t stream) {
  if (rows > 0x7fffffff) return cudaErrorInvalidValue;
  dispatch(t, [&](auto* tag) {
    using T = std::remove_pointer_t<decltype(tag)>;
    softmax_xent_kernel<T><<<unsigned(rows), kThreads, 0, stream>>>(
        static_cast<const T*>(logits), labels, static_cast<T*>(dz), row_loss, rows, classes, grad_scale);
  });
  return cudaGetLastError();
}

cudaError_t launch_mean(const float* values, float* out, int64_t count, cudaStream_t stream) {
  mean_kernel<<<1, 1024, 0, stream>>>(values, out, count);
  return cudaGetLastError();
}

cudaError_t launch_bias_sgd(Storage t, float* bias, const void* dz, int64_t rows, int64_t cols, float lr,
                            cudaStream_t stream) {
  const int64_t blocks = (cols + 31) / 32;
  if (blocks > 0x7fffffff) return cudaErrorInvalidValue;
  dispatch(t, [&](auto* tag) {
    using T = std::remove_pointer_t<decltype(tag)>;
    bias_sgd_kernel<T><<<unsigned(blocks), dim3(32, 8), 0, stream>>>(
        bias, static_cast<const T*>(dz), rows, cols, lr);
  });
  return cudaGetLastError();
}

}  // namespace mpsbench::cuda
