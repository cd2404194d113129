// Device kernels of the CUDA backend's forward-only workloads: STREAM copy and triad (bandwidth)
// and the row softmax between attention's two GEMMs. Host-side launchers only, as cuda_kernels.h.
#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>

#include "cuda_kernels.h"

namespace mpsbench::cuda {

/// Blocks of the copy kernel for `bytes` bytes: the SM count × the blocks one SM holds (occupancy).
unsigned copy_grid(int64_t bytes, int sms);

/// dst = src over `bytes` bytes (a multiple of 16): 16-byte vector loads and stores with streaming
/// cache hints, 4 vectors in flight per thread, grid-stride over `grid` blocks (copy_grid).
cudaError_t launch_copy(void* dst, const void* src, int64_t bytes, unsigned grid, cudaStream_t stream);

/// Blocks of the triad kernel of element type `t` over `count` elements (as copy_grid).
unsigned triad_grid(Storage t, int64_t count, int sms);

/// a[i] = b[i] + scalar·c[i] in f32 math, stored as `t`: 16-byte vectors with streaming hints
/// (the count % (16 / element size) tail element-wise), over `grid` blocks (triad_grid).
cudaError_t launch_triad(Storage t, void* a, const void* b, const void* c, float scalar, int64_t count, unsigned grid,
                         cudaStream_t stream);

/// In place, per row r of `rows` rows of `cols` scores: p = softmax(scale·s) in f32 math, stored as `t`;
/// with `causal`, column j of row r (query r % seq) is masked out when j > r % seq.
cudaError_t launch_row_softmax(Storage t, void* s, int64_t rows, int64_t cols, int64_t seq, bool causal, float scale,
                               cudaStream_t stream);

}  // namespace mpsbench::cuda
