// Element types of the protocol and exact conversions between them (round to nearest, ties to even),
// shared by every backend so that all of them store the same values (protocol.md §4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpsbench {

/// A protocol dtype. tf32 is f32 storage computed with the device's TF32 math mode.
enum class DType { F32, F16, BF16, TF32 };

/// The protocol name of a dtype ("f32", "f16", "bf16", "tf32").
std::string dtype_name(DType d);
/// The dtype named `name`, or nullopt for a name this runner does not know.
std::optional<DType> parse_dtype(std::string_view name);
/// Bytes per element as stored on the device.
int dtype_size(DType d);

/// IEEE binary16 bits of `f`, rounded to nearest even; overflow gives infinity, NaN stays NaN.
uint16_t f32_to_f16_bits(float f);
/// The float value of binary16 bits (exact).
float f16_bits_to_f32(uint16_t h);
/// bfloat16 bits of `f`, rounded to nearest even; NaN stays (quiet) NaN.
uint16_t f32_to_bf16_bits(float f);
/// The float value of bfloat16 bits (exact).
float bf16_bits_to_f32(uint16_t h);

/// `v` rounded once, to nearest even, to the values representable in `d`, returned as a float
/// (every f16/bf16 value is exact in float). Going through float uses round-to-odd, so there is no
/// double rounding on the way from double to f16/bf16.
float round_to_dtype(double v, DType d);

}  // namespace mpsbench
