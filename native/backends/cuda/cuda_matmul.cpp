// The CUDA backend's matmul: one cublasGemmEx, or cublasGemmStridedBatchedEx for a batch, in the
// case's dtype with f32 accumulation (see cuda_kernel.h).
#include "cuda_kernel.h"

namespace mpsbench::cuda {
namespace {

class Matmul : public Kernel {
 public:
  Matmul(const Context& ctx, DType d, const MatmulSpec& s, const CaseInputs& in)
      : ctx_(ctx), d_(d), gemm_(row_major(s.trans_a, s.trans_b, s.m, s.n, s.k)), a_(upload(in.a, d)),
        b_(upload(in.b, d)), c_(size_t(s.batch * s.m * s.n) * size_t(dtype_size(d))), count_(size_t(s.batch * s.m * s.n)) {
    gemm_.batch = s.batch;
    gemm_.stride_a = s.m * s.k;
    gemm_.stride_b = s.k * s.n;
    gemm_.stride_c = s.m * s.n;
  }

  void run() override { gemm_.run(ctx_, d_, 1.0f, a_.get(), b_.get(), 0.0f, c_.get()); }
  std::vector<float> output() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    return download(c_, count_, d_);
  }
  int64_t mem_bytes() const override { return int64_t(a_.bytes() + b_.bytes() + c_.bytes()); }
  Json info() const override {
    return Json::object()
        .set("algo", gemm_.batch == 1 ? "cublasGemmEx" : "cublasGemmStridedBatchedEx")
        .set("math", blas_math(d_))
        .set("layout", "row-major, operands swapped for column-major cuBLAS")
        .set("cublas_workspace_bytes", int64_t(kBlasWorkspace));
  }

 private:
  const Context& ctx_;
  DType d_;
  RowMajorGemm gemm_;
  DeviceBuffer a_, b_, c_;
  size_t count_;
};

}  // namespace

std::unique_ptr<Kernel> make_matmul(const Context& ctx, DType d, const MatmulSpec& spec, const CaseInputs& in) {
  return std::make_unique<Matmul>(ctx, d, spec, in);
}

}  // namespace mpsbench::cuda
