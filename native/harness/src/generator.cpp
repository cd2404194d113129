// The counter-based generator of protocol.md §4 (see generator.h).
#include "mpsbench/generator.h"

namespace mpsbench {

uint64_t mix(uint64_t z) {
  z ^= z >> 30;
  z *= 0xBF58476D1CE4E5B9ull;
  z ^= z >> 27;
  z *= 0x94D049BB133111EBull;
  z ^= z >> 31;
  return z;
}

GenStream::GenStream(uint64_t seed, uint64_t stream) : key_(mix(seed ^ (stream * 0xD1B54A32D192ED03ull))) {}

uint64_t GenStream::bits(uint64_t i) const { return mix(key_ + (i + 1) * 0x9E3779B97F4A7C15ull); }

double GenStream::value(uint64_t i) const {
  const int64_t top = static_cast<int64_t>(bits(i) >> 40) - (int64_t{1} << 23);
  return static_cast<double>(top) * 0x1p-23;
}

std::vector<float> generate(uint64_t seed, uint64_t stream, size_t count, double scale, DType dtype) {
  const GenStream gen(seed, stream);
  std::vector<float> out(count);
  for (size_t i = 0; i < count; ++i) out[i] = round_to_dtype(gen.value(i) * scale, dtype);
  return out;
}

}  // namespace mpsbench
