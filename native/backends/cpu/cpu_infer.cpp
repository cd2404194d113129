// f32 MLP inference: the forward pass of the train MLP (sgemm, bias, ReLU), logits out.
#include "cpu_kernel.h"

namespace mpsbench::cpu {
namespace {

class Infer : public Kernel {
 public:
  Infer(const InferSpec& s, const CaseInputs& in) : s_(s), x_(in.train_x), w_(in.weights), b_(in.biases) {
    for (size_t l = 1; l <= s.depth(); ++l) {
      z_.emplace_back(size_t(s.batch * s.layers[l]));
      if (l < s.depth()) h_.emplace_back(size_t(s.batch * s.layers[l]));
    }
  }

  void run() override {
    for (size_t l = 1; l <= s_.depth(); ++l) {
      const float* x = l == 1 ? x_.data() : h_[l - 2].data();
      float* h = l == s_.depth() ? nullptr : h_[l - 1].data();
      dense_layer(x, w_[l - 1].data(), b_[l - 1].data(), z_[l - 1].data(), h, s_.batch, s_.layers[l - 1], s_.layers[l]);
    }
  }

  std::vector<float> output() const override { return z_.back(); }
  int64_t mem_bytes() const override {
    int64_t total = bytes_of(x_);
    for (const auto* group : {&w_, &b_, &z_, &h_}) {
      for (const auto& m : *group) total += bytes_of(m);
    }
    return total;
  }
  Json info() const override { return Json::object().set("algo", "sgemm forward"); }

 private:
  InferSpec s_;
  std::vector<float> x_;
  std::vector<std::vector<float>> w_, b_, z_, h_;  // index l-1 holds layer l
};

}  // namespace

std::unique_ptr<Kernel> make_infer(const InferSpec& spec, const CaseInputs& in) {
  return std::make_unique<Infer>(spec, in);
}

}  // namespace mpsbench::cpu
