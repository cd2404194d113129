// Verification: checked indices, the Σ|a·b| normaliser, correct outputs pass, corruption and
// non-finite outputs are caught.
#include <limits>

#include "check.h"
#include "fake_backend.h"
#include "mpsbench/dtype.h"
#include "mpsbench/generator.h"
#include "mpsbench/verify.h"

using namespace mpsbench;

namespace {

CaseSpec matmul_spec(int64_t m, int64_t n, int64_t k, int64_t batch, bool ta, bool tb) {
  CaseSpec spec;
  spec.workload = Workload::Matmul;
  spec.seed = 1;
  spec.matmul = MatmulSpec{m, n, k, batch, ta, tb};
  return spec;
}

}  // namespace

TEST_SUITE(verify) {
  // Checked indices: first, last, then stream 99.
  const std::vector<size_t> idx = checked_indices(1, 256, 1000);
  CHECK_EQ(idx.size(), size_t(258));
  CHECK_EQ(idx[0], size_t(0));
  CHECK_EQ(idx[1], size_t(999));
  CHECK_EQ(idx[2], size_t(GenStream(1, 99).bits(0) % 1000));
  CHECK_EQ(checked_indices(1, 0, 1).size(), size_t(2));
  CHECK(checked_indices(1, 5, 0).empty());

  // The normaliser keeps cancellation meaningful: ref 0, Σ|a·b| = 1.
  ErrorStats e;
  e.add(1e-9, 0.0, 1.0);
  CHECK_NEAR(e.max_rel_err, 1e-9, 1e-20);
  e.add(2.0, 0.0, 0.0);  // zero normaliser is clamped to 1e-30, not a division by zero
  CHECK(std::isfinite(e.max_rel_err) && e.max_rel_err > 1e29);
  CHECK_EQ(e.checked, int64_t(2));

  for (const auto& [ta, tb] : {std::pair{false, false}, {true, false}, {false, true}, {true, true}}) {
    const CaseSpec spec = matmul_spec(7, 5, 33, 3, ta, tb);
    const CaseInputs in = make_inputs(spec);
    std::vector<float> c = test::exact_matmul(spec.matmul, in);
    ErrorStats ok = verify_matmul(spec, in, c, 64);
    CHECK(ok.max_rel_err < 1e-7);
    CHECK_EQ(ok.checked, int64_t(66));
    CHECK_EQ(ok.nonfinite, int64_t(0));
    CHECK(ok.to_json().find("max_rel_err")->is_number());

    c.back() += 1e-3f * std::fabs(c.back()) + 1e-3f;  // the last element is always checked
    CHECK(verify_matmul(spec, in, c, 64).max_rel_err > 1e-5);

    c = test::exact_matmul(spec.matmul, in);
    c[17] = std::numeric_limits<float>::quiet_NaN();  // found even where it is not sampled
    const ErrorStats bad = verify_matmul(spec, in, c, 0);
    CHECK_EQ(bad.nonfinite, int64_t(1));
    CHECK(bad.to_json().find("max_rel_err")->is_null());
    c[17] = std::numeric_limits<float>::infinity();
    CHECK_EQ(verify_matmul(spec, in, c, 0).nonfinite, int64_t(1));
  }

  // Half-precision outputs (what an f16/bf16 GPU backend returns, converted to float): inputs are
  // stored rounded to the dtype, the reference uses the stored values, and only the output rounding
  // shows up in the error, within the dtype's tolerance (f16 1e-2, bf16 2e-2).
  for (DType d : {DType::F16, DType::BF16}) {
    CaseSpec half = matmul_spec(9, 6, 40, 2, false, true);
    half.dtype = d;
    const CaseInputs hin = make_inputs(half);
    for (float v : hin.a) CHECK_EQ(v, round_to_dtype(v, d));  // stored values are representable
    std::vector<float> c = test::exact_matmul(half.matmul, hin);
    for (float& v : c) v = d == DType::F16 ? f16_bits_to_f32(f32_to_f16_bits(v)) : bf16_bits_to_f32(f32_to_bf16_bits(v));
    const double err = verify_matmul(half, hin, c, 64).max_rel_err;
    CHECK(err > 0 && err < (d == DType::F16 ? 1e-3 : 8e-3));
  }

  // A backend returning the wrong number of elements is an internal error, not a pass.
  const CaseSpec spec = matmul_spec(2, 2, 2, 1, false, false);
  const CaseInputs in = make_inputs(spec);
  CHECK_THROWS(std::exception, verify_matmul(spec, in, std::vector<float>(3), 4));
}
