// Batched f32 matmul: one cblas_sgemm per batch entry, nothing else in the timed iteration.
#include "cpu_blas.h"
#include "cpu_kernel.h"

namespace mpsbench::cpu {
namespace {

class Matmul : public Kernel {
 public:
  Matmul(const MatmulSpec& s, const CaseInputs& in)
      : s_(s), a_(in.a), b_(in.b), c_(size_t(s.batch * s.m * s.n)) {}

  void run() override {
    const int64_t lda = s_.trans_a ? s_.m : s_.k, ldb = s_.trans_b ? s_.k : s_.n;
    for (int64_t i = 0; i < s_.batch; ++i) {
      sgemm(s_.trans_a, s_.trans_b, s_.m, s_.n, s_.k, 1.0f, a_.data() + i * s_.m * s_.k, lda,
            b_.data() + i * s_.k * s_.n, ldb, 0.0f, c_.data() + i * s_.m * s_.n, s_.n);
    }
  }

  std::vector<float> output() const override { return c_; }
  int64_t mem_bytes() const override { return bytes_of(a_) + bytes_of(b_) + bytes_of(c_); }
  Json info() const override { return Json::object().set("algo", "cblas_sgemm"); }

 private:
  MatmulSpec s_;
  std::vector<float> a_, b_, c_;
};

}  // namespace

std::unique_ptr<Kernel> make_matmul(const MatmulSpec& spec, const CaseInputs& in) {
  return std::make_unique<Matmul>(spec, in);
}

}  // namespace mpsbench::cpu
