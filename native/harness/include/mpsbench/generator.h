// The deterministic input generator of protocol.md §4, identical in every runner and in the
// TypeScript side, so that every backend computes on the same numbers.
#pragma once

#include <cstdint>
#include <vector>

#include "mpsbench/dtype.h"

namespace mpsbench {

/// The SplitMix64 finaliser: mix(z) of protocol.md §4.
uint64_t mix(uint64_t z);

/// One stream of the generator: bits and values for indices 0, 1, 2, ... of (seed, stream).
class GenStream {
 public:
  /// key(seed, stream) is computed once here.
  GenStream(uint64_t seed, uint64_t stream);
  /// bits(seed, stream, i).
  uint64_t bits(uint64_t i) const;
  /// value(seed, stream, i) in [-1, 1), a multiple of 2^-23 (exact in float).
  double value(uint64_t i) const;

 private:
  uint64_t key_;
};

/// `count` elements value(seed, stream, i) * scale (scale applied in double), each rounded to `dtype`.
std::vector<float> generate(uint64_t seed, uint64_t stream, size_t count, double scale, DType dtype);

}  // namespace mpsbench
