#include "mpsbench/layout.h"

#include <cstddef>

namespace mpsbench {

std::vector<float> to_nhwc(const std::vector<float>& v, int64_t outer, int64_t ch, int64_t inner) {
  std::vector<float> out(v.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t c = 0; c < ch; ++c)
      for (int64_t i = 0; i < inner; ++i) out[size_t((o * inner + i) * ch + c)] = v[size_t((o * ch + c) * inner + i)];
  return out;
}

std::vector<float> to_nchw(const std::vector<float>& v, int64_t outer, int64_t ch, int64_t inner) {
  std::vector<float> out(v.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i)
      for (int64_t c = 0; c < ch; ++c) out[size_t((o * ch + c) * inner + i)] = v[size_t((o * inner + i) * ch + c)];
  return out;
}

}  // namespace mpsbench
