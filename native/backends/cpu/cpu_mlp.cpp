// One f32 SGD step of the MLP of protocol.md §4: sgemm forward and backward, bias, ReLU, softmax
// cross-entropy, and the update folded into sgemm (W −= lr·hᵀ·dz with beta = 1).
#include <algorithm>
#include <cmath>

#include "cpu_blas.h"
#include "cpu_kernel.h"

namespace mpsbench::cpu {
namespace {

class Mlp : public Kernel {
 public:
  Mlp(const TrainSpec& s, const CaseInputs& in)
      : s_(s), x_(in.train_x), labels_(in.labels), w_(in.weights), b_(in.biases) {
    for (size_t l = 1; l <= s.depth(); ++l) {
      const size_t size = size_t(s.batch * s.layers[l]);
      z_.emplace_back(size);
      dz_.emplace_back(size);
      if (l < s.depth()) h_.emplace_back(size);
    }
  }

  void run() override {
    for (size_t l = 1; l <= s_.depth(); ++l) forward(l);
    loss_ = softmax_cross_entropy();
    for (size_t l = s_.depth(); l >= 1; --l) backward(l);
  }

  TrainTrace trace() const override { return TrainTrace{z_, h_, dz_, w_, b_, loss_}; }

  int64_t mem_bytes() const override {
    int64_t total = bytes_of(x_) + int64_t(labels_.size() * sizeof(int32_t));
    for (const auto* group : {&w_, &b_, &z_, &h_, &dz_}) {
      for (const auto& m : *group) total += bytes_of(m);
    }
    return total;
  }

  Json info() const override { return Json::object().set("algo", "sgemm forward/backward, fused SGD"); }

 private:
  TrainSpec s_;
  std::vector<float> x_;
  std::vector<int32_t> labels_;
  std::vector<std::vector<float>> w_, b_, z_, h_, dz_;  // index l-1 holds layer l
  double loss_ = 0;

  int64_t width(size_t l) const { return s_.layers[l]; }
  const float* input_of(size_t l) const { return l == 1 ? x_.data() : h_[l - 2].data(); }

  /// z_l = h_(l-1)·W_l + b_l; h_l = relu(z_l) below the last layer.
  void forward(size_t l) {
    dense_layer(input_of(l), w_[l - 1].data(), b_[l - 1].data(), z_[l - 1].data(),
                l == s_.depth() ? nullptr : h_[l - 1].data(), s_.batch, width(l - 1), width(l));
  }

  /// Mean cross-entropy of the logits; writes dz_n = (softmax − onehot) / batch.
  double softmax_cross_entropy() {
    const int64_t batch = s_.batch, classes = width(s_.depth());
    const float* logits = z_.back().data();
    float* dz = dz_.back().data();
    double loss = 0;
    for (int64_t b = 0; b < batch; ++b) {
      const float* row = logits + b * classes;
      float* drow = dz + b * classes;
      const float top = *std::max_element(row, row + classes);
      float sum = 0;
      for (int64_t j = 0; j < classes; ++j) sum += (drow[j] = std::exp(row[j] - top));
      const int32_t label = labels_[size_t(b)];
      loss += double(top) + std::log(double(sum)) - double(row[label]);
      const float scale = 1.0f / (sum * float(batch));
      for (int64_t j = 0; j < classes; ++j) drow[j] *= scale;
      drow[label] -= 1.0f / float(batch);
    }
    return loss / double(batch);
  }

  /// dz_(l-1) = (dz_l·W_lᵀ) ⊙ [z_(l-1) > 0] with the old W_l, then W_l −= lr·h_(l-1)ᵀ·dz_l, b_l −= lr·Σ_b dz_l.
  void backward(size_t l) {
    const int64_t batch = s_.batch, in = width(l - 1), out = width(l);
    const float* dz = dz_[l - 1].data();
    if (l > 1) {
      float* prev = dz_[l - 2].data();
      sgemm(false, true, batch, in, out, 1.0f, dz, out, w_[l - 1].data(), out, 0.0f, prev, in);
      const float* z = z_[l - 2].data();
      for (size_t i = 0; i < dz_[l - 2].size(); ++i) prev[i] = z[i] > 0.0f ? prev[i] : 0.0f;
    }
    const float lr = float(s_.lr);
    sgemm(true, false, in, out, batch, -lr, input_of(l), in, dz, out, 1.0f, w_[l - 1].data(), out);
    float* bias = b_[l - 1].data();
    for (int64_t j = 0; j < out; ++j) {
      float sum = 0;
      for (int64_t b = 0; b < batch; ++b) sum += dz[b * out + j];
      bias[j] -= lr * sum;
    }
  }
};

}  // namespace

void dense_layer(const float* x, const float* w, const float* bias, float* z, float* h, int64_t batch, int64_t in,
                 int64_t out) {
  sgemm(false, false, batch, out, in, 1.0f, x, in, w, out, 0.0f, z, out);
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t j = 0; j < out; ++j) z[b * out + j] += bias[j];
  }
  if (h == nullptr) return;
  for (int64_t i = 0; i < batch * out; ++i) h[i] = std::max(z[i], 0.0f);
}

std::unique_ptr<Kernel> make_mlp(const TrainSpec& spec, const CaseInputs& in) {
  return std::make_unique<Mlp>(spec, in);
}

}  // namespace mpsbench::cpu
