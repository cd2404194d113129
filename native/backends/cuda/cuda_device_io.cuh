// Element loads and stores for the CUDA backend's kernels: every value is computed in float and
// stored back in the tensor's type (round to nearest even). Included by each .cu file of the backend.
#pragma once

#include <cuda_bf16.h>
#include <cuda_fp16.h>

namespace mpsbench::cuda {

__device__ __forceinline__ float load(const float* p) { return *p; }
__device__ __forceinline__ float load(const __half* p) { return __half2float(*p); }
__device__ __forceinline__ float load(const __nv_bfloat16* p) { return __bfloat162float(*p); }
__device__ __forceinline__ void store(float* p, float v) { *p = v; }
__device__ __forceinline__ void store(__half* p, float v) { *p = __float2half_rn(v); }
__device__ __forceinline__ void store(__nv_bfloat16* p, float v) { *p = __float2bfloat16_rn(v); }

}  // namespace mpsbench::cuda
