// dtype names and f32 <-> f16 / bf16 conversions (see dtype.h).
#include "mpsbench/dtype.h"

#include <cmath>
#include <cstring>

namespace mpsbench {
namespace {

uint32_t float_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

float bits_float(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

/// `v` rounded to float with round-to-odd: truncate, then set the last bit if anything was lost.
float double_to_float_odd(double v) {
  float f = static_cast<float>(v);
  if (!std::isfinite(f) || static_cast<double>(f) == v) return f;
  if (std::fabs(static_cast<double>(f)) > std::fabs(v)) f = std::nextafter(f, 0.0f);
  return bits_float(float_bits(f) | 1u);
}

/// Rounds `value >> shift` to nearest even, given the bits shifted out.
uint32_t shift_round_even(uint32_t value, int shift) {
  const uint32_t kept = value >> shift;
  const uint32_t rest = value & ((1u << shift) - 1);
  const uint32_t half = 1u << (shift - 1);
  return (rest > half || (rest == half && (kept & 1u))) ? kept + 1 : kept;
}

}  // namespace

std::string dtype_name(DType d) {
  switch (d) {
    case DType::F32: return "f32";
    case DType::F16: return "f16";
    case DType::BF16: return "bf16";
    case DType::TF32: return "tf32";
  }
  return "?";
}

std::optional<DType> parse_dtype(std::string_view name) {
  for (DType d : {DType::F32, DType::F16, DType::BF16, DType::TF32}) {
    if (dtype_name(d) == name) return d;
  }
  return std::nullopt;
}

int dtype_size(DType d) { return (d == DType::F16 || d == DType::BF16) ? 2 : 4; }

uint16_t f32_to_f16_bits(float f) {
  const uint32_t x = float_bits(f);
  const uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000u);
  const int exp = static_cast<int>((x >> 23) & 0xFFu);
  const uint32_t mant = x & 0x7FFFFFu;
  if (exp == 0xFF) return sign | 0x7C00u | (mant ? 0x200u | (mant >> 13) : 0u);
  const int e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7C00u;
  if (e <= 0) {  // f16 subnormal: units of 2^-24
    const int shift = 14 - e;
    if (shift > 24) return sign;
    return static_cast<uint16_t>(sign | shift_round_even(mant | 0x800000u, shift));
  }
  // The carry of the rounding may ripple into the exponent, up to infinity: that is correct.
  const uint32_t magnitude = (static_cast<uint32_t>(e) << 23) | mant;
  return static_cast<uint16_t>(sign | shift_round_even(magnitude, 13));
}

float f16_bits_to_f32(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1Fu;
  const uint32_t mant = h & 0x3FFu;
  if (exp == 0) {
    const float v = std::ldexp(static_cast<float>(mant), -24);
    return sign ? -v : v;
  }
  if (exp == 31) return bits_float(sign | 0x7F800000u | (mant << 13));
  return bits_float(sign | ((exp + 112) << 23) | (mant << 13));
}

uint16_t f32_to_bf16_bits(float f) {
  const uint32_t x = float_bits(f);
  if (std::isnan(f)) return static_cast<uint16_t>((x >> 16) | 0x40u);
  return static_cast<uint16_t>((x + 0x7FFFu + ((x >> 16) & 1u)) >> 16);
}

float bf16_bits_to_f32(uint16_t h) { return bits_float(static_cast<uint32_t>(h) << 16); }

float round_to_dtype(double v, DType d) {
  switch (d) {
    case DType::F32:
    case DType::TF32: return static_cast<float>(v);
    case DType::F16: return f16_bits_to_f32(f32_to_f16_bits(double_to_float_odd(v)));
    case DType::BF16: return bf16_bits_to_f32(f32_to_bf16_bits(double_to_float_odd(v)));
  }
  return static_cast<float>(v);
}

}  // namespace mpsbench
