// BLAS threads, description and the sgemm wrapper (see cpu_blas.h).
#include "cpu_blas.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>

namespace mpsbench::cpu {

#ifdef MPSBENCH_ACCELERATE
int64_t configure_blas_threads(int64_t requested) {
  // Accelerate has no thread-count API; VECLIB_MAXIMUM_THREADS is read when it first runs.
  const int64_t n = requested;
  if (n > 0) setenv("VECLIB_MAXIMUM_THREADS", std::to_string(n).c_str(), 1);
  return n > 0 ? n : int64_t(std::thread::hardware_concurrency());
}

std::string blas_description() { return "Accelerate (vecLib)"; }
#else
int64_t configure_blas_threads(int64_t requested) {
  // BLAS takes an int; a request beyond any machine's cores is capped rather than wrapped.
  if (requested > 0) openblas_set_num_threads(int(std::min<int64_t>(requested, 1 << 16)));
  return openblas_get_num_threads();
}

std::string blas_description() {
  return std::string(openblas_get_config()) + " (core " + openblas_get_corename() + ")";
}
#endif

void sgemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
           int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, int(m),
              int(n), int(k), alpha, a, int(lda), b, int(ldb), beta, c, int(ldc));
}

}  // namespace mpsbench::cpu
