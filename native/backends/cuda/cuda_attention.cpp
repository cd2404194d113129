// The CUDA backend's attention (see cuda_kernel.h): cuDNN's fused flash attention when
// make_fused_attention (cudnn_attention.cpp) builds it for the case, else the unfused path here:
// S = Q·Kᵀ/√d by cublasGemmStridedBatchedEx over batch·heads, an in-place row softmax kernel (causal
// mask applied there), then O = P·V by a second batched GEMM. S is stored in the case's dtype, as
// PyTorch's math path does; it costs batch·heads·seq·kv elements.
#include <cmath>
#include <string>
#include <utility>

#include "cuda_kernel.h"
#include "cuda_stream_kernels.h"

namespace mpsbench::cuda {
namespace {

class Attention : public Kernel {
 public:
  Attention(const Context& ctx, DType d, const AttentionSpec& s, const CaseInputs& in, std::string why_unfused)
      : ctx_(ctx), d_(d), s_(s), why_unfused_(std::move(why_unfused)),
        scores_gemm_(row_major(false, true, s.seq, s.kv_seq, s.head_dim)),
        out_gemm_(row_major(false, false, s.seq, s.head_dim, s.kv_seq)), q_(upload(in.q, d)), k_(upload(in.k, d)),
        v_(upload(in.v, d)), s_buf_(size_t(s.batch * s.heads * s.seq * s.kv_seq) * size_t(dtype_size(d))),
        o_(q_.bytes()) {
    const int64_t bh = s.batch * s.heads;
    scores_gemm_.batch = out_gemm_.batch = bh;
    scores_gemm_.stride_a = s.seq * s.head_dim;
    scores_gemm_.stride_b = s.kv_seq * s.head_dim;
    scores_gemm_.stride_c = s.seq * s.kv_seq;
    out_gemm_.stride_a = s.seq * s.kv_seq;
    out_gemm_.stride_b = s.kv_seq * s.head_dim;
    out_gemm_.stride_c = s.seq * s.head_dim;
  }

  void run() override {
    const float scale = 1.0f / std::sqrt(float(s_.head_dim));
    scores_gemm_.run(ctx_, d_, scale, q_.get(), k_.get(), 0.0f, s_buf_.get());
    MPSBENCH_CHECK(launch_row_softmax(storage_of(d_), s_buf_.get(), s_.rows(), s_.kv_seq, s_.seq, s_.causal, 1.0f,
                                      ctx_.stream));
    out_gemm_.run(ctx_, d_, 1.0f, s_buf_.get(), v_.get(), 0.0f, o_.get());
  }
  std::vector<float> output() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    return download(o_, size_t(s_.rows() * s_.head_dim), d_);
  }
  int64_t mem_bytes() const override {
    return int64_t(q_.bytes() + k_.bytes() + v_.bytes() + s_buf_.bytes() + o_.bytes());
  }
  Json info() const override {
    return Json::object()
        .set("path", "fallback")
        .set("algo", "unfused: cublasGemmStridedBatchedEx Q·Kᵀ, row softmax kernel, cublasGemmStridedBatchedEx P·V")
        .set("fused", false)
        .set("why_unfused", why_unfused_)
        .set("math", blas_math(d_));
  }

 private:
  const Context& ctx_;
  DType d_;
  AttentionSpec s_;
  std::string why_unfused_;
  RowMajorGemm scores_gemm_, out_gemm_;
  DeviceBuffer q_, k_, v_, s_buf_, o_;
};

}  // namespace

std::unique_ptr<Kernel> make_attention(Context& ctx, DType d, const AttentionSpec& spec, const CaseInputs& in) {
  std::string why;
  if (std::unique_ptr<Kernel> fused = make_fused_attention(ctx, d, spec, in, why)) return fused;
  return std::make_unique<Attention>(ctx, d, spec, in, why);
}

}  // namespace mpsbench::cuda
