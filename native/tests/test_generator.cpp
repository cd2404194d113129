// The generator of protocol.md §4 against its test-vector table (the same rows as docs/protocol.md
// and test/unit/runner/generator.test.ts), plus dtype rounding and the per-workload tensors.
#include "check.h"
#include "mpsbench/generator.h"
#include "mpsbench/inputs.h"

using namespace mpsbench;

namespace {

struct Vector {
  uint64_t stream, i, bits;
  double value;
};

// NOTE: keep in sync with the table in docs/protocol.md §4.
constexpr Vector kVectors[] = {
    {1, 0, 0x077CA23776407269ull, -7897950 * 0x1p-23},    {1, 1, 0x5BDE7A3C07235958ull, -2367878 * 0x1p-23},
    {1, 1000, 0xF98E27D8875F64DAull, 7966247 * 0x1p-23},  {2, 0, 0xFCFE2B4E8E5E5BD5ull, 8191531 * 0x1p-23},
    {2, 1, 0x5DBF6B12769405E3ull, -2244757 * 0x1p-23},    {2, 1000, 0x3ED5DEED80925EC4ull, -4270626 * 0x1p-23},
};

}  // namespace

TEST_SUITE(generator) {
  for (const Vector& v : kVectors) {
    const GenStream gen(1, v.stream);
    CHECK_EQ(gen.bits(v.i), v.bits);
    CHECK_EQ(gen.value(v.i), v.value);
  }
  CHECK_EQ(kVectors[0].value, -0.9415090084075928);

  // generate(): scale applied in double, then rounded once to the dtype.
  const std::vector<float> f32 = generate(1, 1, 1001, 1.0, DType::F32);
  CHECK_EQ(double(f32[1000]), kVectors[2].value);
  const std::vector<float> f16 = generate(1, 2, 2, 0.5, DType::F16);
  CHECK_EQ(f16[0], round_to_dtype(kVectors[3].value * 0.5, DType::F16));
  CHECK(f16[0] != float(kVectors[3].value * 0.5));  // 0.488… is not an f16 value

  // Values cover [-1, 1) and are multiples of 2^-23.
  const std::vector<float> many = generate(7, 3, 100000, 1.0, DType::F32);
  float lo = 1, hi = -1;
  for (float v : many) {
    lo = std::min(lo, v), hi = std::max(hi, v);
    CHECK(v * 0x1p23f == std::floor(v * 0x1p23f));
  }
  CHECK(lo >= -1.0f && lo < -0.99f && hi < 1.0f && hi > 0.99f);
}

TEST_SUITE(inputs) {
  CaseSpec spec;
  spec.workload = Workload::Train;
  spec.seed = 1;
  spec.train = TrainSpec{{4, 6, 10}, 3, 0.1};
  const CaseInputs in = make_inputs(spec);
  CHECK_EQ(in.train_x.size(), size_t(12));
  CHECK_EQ(double(in.train_x[0]), kVectors[0].value);
  CHECK_EQ(in.labels[0], int32_t(kVectors[3].bits % 10));
  CHECK_EQ(in.weights.size(), size_t(2));
  CHECK_EQ(in.weights[1].size(), size_t(60));
  CHECK_EQ(double(in.weights[0][0]), double(float(GenStream(1, 11).value(0) * std::sqrt(6.0 / 10))));
  CHECK_EQ(in.biases[1].size(), size_t(10));
  CHECK_EQ(in.biases[1][9], 0.0f);
}
