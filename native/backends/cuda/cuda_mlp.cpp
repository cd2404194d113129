// The CUDA backend's MLP training step (see cuda_kernel.h).
#include "cuda_kernel.h"

namespace mpsbench::cuda {
namespace {

/// One SGD step of the MLP (protocol.md §4): forward GEMM + bias/ReLU per layer, softmax
/// cross-entropy and its gradient, then per layer (last first) the hidden gradient with the old
/// W_l, the weight update folded into a GEMM (W_l −= lr·h_(l−1)ᵀ·dz_l with beta = 1) and the bias
/// update. x, W, z, h and dz are stored in the case's dtype (GEMMs accumulate in f32); the biases
/// are kept in f32, whose updates (lr·Σ dz, ~1e-6) would be f16 subnormals. f16 also scales the
/// loss by S = 2^ceil(log2 batch): gradients are stored ×S, so that they stay out of f16's
/// subnormal range, and unscaled in the updates (lr/S) and in the trace (exact: a power of two).
class Mlp : public Kernel {
 public:
  Mlp(const Context& ctx, DType d, const TrainSpec& s, const CaseInputs& in)
      : ctx_(ctx), d_(d), s_(s), x_(upload(in.train_x, d)), labels_(in.labels.size() * sizeof(int32_t)),
        row_loss_(size_t(s.batch) * sizeof(float)), loss_(sizeof(float)) {
    if (d == DType::F16) {
      while (grad_scale_ < float(s.batch)) grad_scale_ *= 2;
    }
    MPSBENCH_CHECK(cudaMemcpy(labels_.get(), in.labels.data(), labels_.bytes(), cudaMemcpyHostToDevice));
    const size_t elem = size_t(dtype_size(d));
    for (size_t l = 1; l <= s.depth(); ++l) {
      w_.push_back(upload(in.weights[l - 1], d));
      b_.push_back(upload(in.biases[l - 1], DType::F32));
      const size_t size = size_t(s.batch * s.layers[l]);
      z_.emplace_back(size * elem);
      dz_.emplace_back(size * elem);
      if (l < s.depth()) h_.emplace_back(size * elem);
    }
  }

  void run() override {
    const size_t n = s_.depth();
    const Storage t = storage_of(d_);
    for (size_t l = 1; l <= n; ++l) {
      row_major(false, false, s_.batch, width(l), width(l - 1)).run(ctx_, d_, 1.0f, input_of(l), w_[l - 1].get(), 0.0f, z_[l - 1].get());
      MPSBENCH_CHECK(launch_bias_act(t, z_[l - 1].get(), l < n ? h_[l - 1].get() : nullptr, b_[l - 1].as<float>(), s_.batch,
                                     width(l), ctx_.stream));
    }
    MPSBENCH_CHECK(launch_softmax_xent(t, z_[n - 1].get(), labels_.as<int32_t>(), dz_[n - 1].get(), row_loss_.as<float>(),
                                       s_.batch, width(n), grad_scale_, ctx_.stream));
    MPSBENCH_CHECK(launch_mean(row_loss_.as<float>(), loss_.as<float>(), s_.batch, ctx_.stream));
    const float lr = float(s_.lr / grad_scale_);  // gradients are stored ×grad_scale_
    for (size_t l = n; l >= 1; --l) {
      if (l > 1) {  // dz_(l-1) = (dz_l · W_lᵀ) ⊙ [z_(l-1) > 0], before W_l changes
        row_major(false, true, s_.batch, width(l - 1), width(l)).run(ctx_, d_, 1.0f, dz_[l - 1].get(), w_[l - 1].get(), 0.0f,
                                                                   dz_[l - 2].get());
        MPSBENCH_CHECK(launch_relu_mask(t, dz_[l - 2].get(), z_[l - 2].get(), s_.batch * width(l - 1), ctx_.stream));
      }
      row_major(true, false, width(l - 1), width(l), s_.batch).run(ctx_, d_, -lr, input_of(l), dz_[l - 1].get(), 1.0f,
                                                                 w_[l - 1].get());
      MPSBENCH_CHECK(launch_bias_sgd(t, b_[l - 1].as<float>(), dz_[l - 1].get(), s_.batch, width(l), lr, ctx_.stream));
    }
  }

  TrainTrace trace() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    TrainTrace tr;
    const size_t n = s_.depth(), batch = size_t(s_.batch);
    for (size_t l = 1; l <= n; ++l) {
      const size_t rows = batch * size_t(width(l));
      tr.z.push_back(download(z_[l - 1], rows, d_));
      tr.dz.push_back(download(dz_[l - 1], rows, d_));
      for (float& v : tr.dz.back()) v /= grad_scale_;
      if (l < n) tr.h.push_back(download(h_[l - 1], rows, d_));
      tr.w.push_back(download(w_[l - 1], size_t(width(l - 1) * width(l)), d_));
      tr.b.push_back(download(b_[l - 1], size_t(width(l)), DType::F32));
    }
    float loss = 0;
    MPSBENCH_CHECK(cudaMemcpy(&loss, loss_.get(), sizeof loss, cudaMemcpyDeviceToHost));
    tr.loss = loss;
    return tr;
  }

  int64_t mem_bytes() const override {
    size_t total = x_.bytes() + labels_.bytes() + row_loss_.bytes() + loss_.bytes();
    for (const auto* group : {&w_, &b_, &z_, &h_, &dz_}) {
      for (const DeviceBuffer& m : *group) total += m.bytes();
    }
    return int64_t(total);
  }

  Json info() const override {
    return Json::object()
        .set("algo", "cublasGemmEx forward/backward, SGD folded into the weight-gradient GEMM (beta = 1); "
                     "bias+ReLU, ReLU mask, softmax cross-entropy, loss mean, bias gradient+SGD kernels")
        .set("math", blas_math(d_))
        .set("storage", dtype_name(d_) + " x, W, z, h, dz; f32 biases and loss")
        .set("loss_scale", double(grad_scale_))
        .set("cublas_workspace_bytes", int64_t(kBlasWorkspace));
  }

 private:
  const Context& ctx_;
  DType d_;
  TrainSpec s_;
  float grad_scale_ = 1;
  DeviceBuffer x_, labels_, row_loss_, loss_;
  std::vector<DeviceBuffer> w_, b_, z_, h_, dz_;  // index l-1 holds layer l

  int64_t width(size_t l) const { return s_.layers[l]; }
  const void* input_of(size_t l) const { return l == 1 ? x_.get() : h_[l - 2].get(); }
};

}  // namespace

std::unique_ptr<Kernel> make_mlp(const Context& ctx, DType d, const TrainSpec& spec, const CaseInputs& in) {
  return std::make_unique<Mlp>(ctx, d, spec, in);
}

}  // namespace mpsbench::cuda
