// The CUDA backend's own device kernels: the small element-wise and reduction steps of the MLP
// training step (protocol.md §4 "train") around the cuBLAS GEMMs. Host-side launchers only, so the
// backend's C++ file needs no CUDA compiler; each returns the launch's cudaGetLastError().
#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>

namespace mpsbench::cuda {

/// Element type of a device tensor (tf32 is stored as F32).
enum class Storage { F32, F16, BF16 };

/// z[r][c] += bias[c] (bias in f32); when `h` is not null, h[r][c] = max(z[r][c], 0) from the stored z.
cudaError_t launch_bias_act(Storage t, void* z, void* h, const float* bias, int64_t rows, int64_t cols,
                            cudaStream_t stream);

/// dz[i] = z[i] > 0 ? dz[i] : 0 (the ReLU derivative applied in place).
cudaError_t launch_relu_mask(Storage t, void* dz, const void* z, int64_t count, cudaStream_t stream);

/// Per row of `logits` [rows][classes]: row_loss[r] = logsumexp − logit[label] (f32), and
/// dz[r][j] = (softmax_j − [j == label]) · grad_scale / rows, computed in f32 and stored as `t`.
cudaError_t launch_softmax_xent(Storage t, const void* logits, const int32_t* labels, void* dz, float* row_loss,
                                int64_t rows, int64_t classes, float grad_scale, cudaStream_t stream);

/// out[0] = mean of values[0..count) (one block, fixed order: deterministic).
cudaError_t launch_mean(const float* values, float* out, int64_t count, cudaStream_t stream);

/// bias[c] −= lr · Σ_r dz[r][c] (bias in f32; column sums in f32, fixed order: deterministic).
cudaError_t launch_bias_sgd(Storage t, float* bias, const void* dz, int64_t rows, int64_t cols, float lr,
                            cudaStream_t stream);

}  // namespace mpsbench::cuda
