// Device kernels of the CUDA backend's forward-only workloads: STREAM copy and triad (bandwidth)
// and the row softmax between attention's two GEMMs. Host-side launchers only, as cuda_kernels.h.
#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>

#include "cuda_kernels.h"

namespace mpsbench::cuda {

/// dst = src over `bytes` bytes (a multiple of 16), 16-byte vector loads and stores, grid-stride.
cudaError_t launch_copy(void* dst, const void* src, int64_t bytes, int sms, cudaStream_t stream);

/// a[i] = b[i] + scalar·c[i] in f32 math, stored as `t`.
cudaError_t launch_triad(Storage t, void* a, const void* b, const void* c, float scalar, int64_t count, int sms,
                         cudaStream_t stream);

/// In place, per row r of `rows` rows of `cols` scores: p = softmax(scale·s) in f32 math, stored as `t`;
/// with `causal`, column j of row r (query r % seq) is masked out when j > r % seq.
cudaError_t launch_row_softmax(Storage t, void* s, int64_t rows, int64_t cols, int64_t seq, bool causal, float scale,
                               cudaStream_t stream);

}  // namespace mpsbench::cuda
