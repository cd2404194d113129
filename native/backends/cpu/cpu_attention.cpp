// f32 scaled dot-product attention: per (batch, head) and block of query rows, S = Q·Kᵀ/√d by sgemm,
// a causal mask and a row softmax, then O = P·V by sgemm. A causal block only multiplies the keys
// its rows can see, so the masked upper triangle costs (almost) nothing.
#include <algorithm>
#include <cmath>

#include "cpu_blas.h"
#include "cpu_kernel.h"

namespace mpsbench::cpu {
namespace {

/// Query rows per block: the score block is kBlock × kv_seq floats.
constexpr int64_t kBlock = 128;

class Attention : public Kernel {
 public:
  Attention(const AttentionSpec& s, const CaseInputs& in)
      : s_(s), q_(in.q), k_(in.k), v_(in.v), o_(in.q.size()), scores_(size_t(std::min(kBlock, s.seq) * s.kv_seq)) {}

  void run() override {
    for (int64_t bh = 0; bh < s_.batch * s_.heads; ++bh) {
      for (int64_t r0 = 0; r0 < s_.seq; r0 += kBlock) block(bh, r0, std::min(r0 + kBlock, s_.seq));
    }
  }

  std::vector<float> output() const override { return o_; }
  int64_t mem_bytes() const override {
    return bytes_of(q_) + bytes_of(k_) + bytes_of(v_) + bytes_of(o_) + bytes_of(scores_);
  }
  Json info() const override { return Json::object().set("algo", "sgemm Q·Kᵀ, row softmax, sgemm P·V"); }

 private:
  AttentionSpec s_;
  std::vector<float> q_, k_, v_, o_, scores_;

  /// Query rows [r0, r1) of one (batch, head).
  void block(int64_t bh, int64_t r0, int64_t r1) {
    const int64_t d = s_.head_dim, rows = r1 - r0;
    const int64_t keys = s_.causal ? r1 : s_.kv_seq;
    const float* q = q_.data() + (bh * s_.seq + r0) * d;
    const float* k = k_.data() + bh * s_.kv_seq * d;
    const float* v = v_.data() + bh * s_.kv_seq * d;
    float* sc = scores_.data();
    const float scale = 1.0f / std::sqrt(float(d));
    sgemm(false, true, rows, keys, d, scale, q, d, k, d, 0.0f, sc, keys);
    for (int64_t r = 0; r < rows; ++r) softmax_row(sc + r * keys, s_.causal ? r0 + r + 1 : keys, keys);
    sgemm(false, false, rows, d, keys, 1.0f, sc, keys, v, d, 0.0f, o_.data() + (bh * s_.seq + r0) * d, d);
  }

  /// Softmax over the first `visible` of `width` scores; the masked rest become 0.
  static void softmax_row(float* row, int64_t visible, int64_t width) {
    const float top = *std::max_element(row, row + visible);
    float sum = 0;
    for (int64_t j = 0; j < visible; ++j) sum += (row[j] = std::exp(row[j] - top));
    const float inv = 1.0f / sum;
    for (int64_t j = 0; j < visible; ++j) row[j] *= inv;
    std::fill(row + visible, row + width, 0.0f);
  }
};

}  // namespace

std::unique_ptr<Kernel> make_attention(const AttentionSpec& spec, const CaseInputs& in) {
  return std::make_unique<Attention>(spec, in);
}

}  // namespace mpsbench::cpu
