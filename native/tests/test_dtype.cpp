// f32 → f16 / bf16 rounding (nearest even) edge cases and the single rounding from double.
#include <cstdint>
#include <cstring>
#include <limits>

#include "check.h"
#include "mpsbench/dtype.h"

using namespace mpsbench;

namespace {

float f16(float v) { return f16_bits_to_f32(f32_to_f16_bits(v)); }
float bf16(float v) { return bf16_bits_to_f32(f32_to_bf16_bits(v)); }
const float kInf = std::numeric_limits<float>::infinity();

}  // namespace

TEST_SUITE(dtype) {
  CHECK_EQ(dtype_name(DType::BF16), std::string("bf16"));
  CHECK(parse_dtype("tf32") == DType::TF32);
  CHECK(!parse_dtype("f8"));
  CHECK_EQ(dtype_size(DType::F16), 2);

  // f16: exact values, ties to even, overflow, subnormals, signed zero, NaN.
  CHECK_EQ(f32_to_f16_bits(1.0f), uint16_t(0x3C00));
  CHECK_EQ(f32_to_f16_bits(-2.0f), uint16_t(0xC000));
  CHECK_EQ(f16(1.0f + 0x1p-11f), 1.0f);                      // tie → even (down)
  CHECK_EQ(f16(1.0f + 3 * 0x1p-11f), 1.0f + 0x1p-9f);        // tie → even (up)
  CHECK_EQ(f16(1.0f + 0x1p-11f + 0x1p-20f), 1.0f + 0x1p-10f);  // above the tie
  CHECK_EQ(f16(65504.0f), 65504.0f);                         // largest finite
  CHECK_EQ(f16(65519.0f), 65504.0f);
  CHECK_EQ(f16(65520.0f), kInf);                             // tie at the top rounds to infinity
  CHECK_EQ(f32_to_f16_bits(-1e10f), uint16_t(0xFC00));
  CHECK_EQ(f32_to_f16_bits(0x1p-24f), uint16_t(0x0001));     // smallest subnormal
  CHECK_EQ(f32_to_f16_bits(0x1p-25f), uint16_t(0x0000));     // tie → even (zero)
  CHECK_EQ(f32_to_f16_bits(3 * 0x1p-26f), uint16_t(0x0001));
  CHECK_EQ(f32_to_f16_bits(3 * 0x1p-25f), uint16_t(0x0002));  // 1.5 units → even (2)
  CHECK_EQ(f32_to_f16_bits(0x1p-14f - 0x1p-25f), uint16_t(0x0400));  // rounds up into the normals
  CHECK_EQ(f16_bits_to_f32(0x03FF), 1023 * 0x1p-24f);
  CHECK_EQ(f32_to_f16_bits(-0.0f), uint16_t(0x8000));
  CHECK_EQ(f32_to_f16_bits(1e-30f), uint16_t(0x0000));
  CHECK(std::isnan(f16(std::numeric_limits<float>::quiet_NaN())));
  CHECK_EQ(f16(kInf), kInf);
  for (uint32_t h = 0; h < 0x10000; ++h) {  // every finite f16 survives the round trip
    const float v = f16_bits_to_f32(uint16_t(h));
    if (std::isfinite(v)) CHECK_EQ(f32_to_f16_bits(v), uint16_t(h));
  }

  // bf16.
  CHECK_EQ(f32_to_bf16_bits(1.0f), uint16_t(0x3F80));
  CHECK_EQ(bf16(1.0f + 0x1p-8f), 1.0f);
  CHECK_EQ(bf16(1.0f + 3 * 0x1p-8f), 1.0f + 0x1p-6f);
  CHECK_EQ(bf16(1.0f + 0x1p-8f + 0x1p-20f), 1.0f + 0x1p-7f);
  CHECK_EQ(bf16(std::numeric_limits<float>::max()), kInf);
  CHECK_EQ(bf16(0x1p-133f), 0x1p-133f);  // subnormals are kept
  uint32_t nan_bits = 0x7F800001u;       // a NaN whose payload lies only in the dropped bits
  float nan;
  std::memcpy(&nan, &nan_bits, sizeof nan);
  CHECK(std::isnan(bf16(nan)));

  // Rounding from double happens once: 1 + 2^-11 + 2^-40 is above the f16 tie, but rounding it to
  // float first would land exactly on the tie and then round down to 1.
  CHECK_EQ(round_to_dtype(1.0 + 0x1p-11 + 0x1p-40, DType::F16), 1.0f + 0x1p-10f);
  CHECK_EQ(round_to_dtype(1.0 + 0x1p-8 + 0x1p-40, DType::BF16), 1.0f + 0x1p-7f);
  CHECK_EQ(round_to_dtype(1.0 + 0x1p-8, DType::BF16), 1.0f);
  CHECK_EQ(round_to_dtype(0.1, DType::F32), 0.1f);
  CHECK_EQ(round_to_dtype(0.1, DType::TF32), 0.1f);
}
