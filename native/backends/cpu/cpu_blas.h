// The BLAS of the CPU backend: Accelerate on macOS, OpenBLAS elsewhere, behind one small interface.
#pragma once

#include <cstdint>
#include <string>

#ifdef MPSBENCH_ACCELERATE
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

namespace mpsbench::cpu {

/// Applies `requested` threads (MPSBENCH_THREADS, validated by the harness; 0 = the BLAS default) to
/// the BLAS thread pool and returns the thread count in use.
int64_t configure_blas_threads(int64_t requested);

/// A description of the BLAS for hello.libraries.blas, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... (core Haswell)".
std::string blas_description();

/// Row-major single-precision GEMM: C = alpha·op(A)·op(B) + beta·C, with 64-bit dimensions
/// narrowed to BLAS ints (the harness caps dimensions at 2^31−1).
void sgemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
           int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

}  // namespace mpsbench::cpu
