// The attention check (see verify.h): whole rows of O recomputed in float64 from the stored Q, K, V.
#include <algorithm>
#include <cmath>

#include "mpsbench/verify.h"

namespace mpsbench {

ErrorStats verify_attention(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& o,
                            int64_t samples) {
  const AttentionSpec& s = spec.attention;
  check_size(o, output_count(spec), "attention output");
  ErrorStats stats;
  stats.scan_nonfinite(o);
  const size_t d = size_t(s.head_dim), kv = size_t(s.kv_seq);
  const double scale = 1.0 / std::sqrt(double(s.head_dim));
  std::vector<double> p(kv);
  for (size_t row : checked_indices(spec.seed, samples, size_t(s.rows()))) {
    const size_t bh = row / size_t(s.seq), i = row % size_t(s.seq);
    const float* q = in.q.data() + row * d;
    const float* k = in.k.data() + bh * kv * d;
    const float* v = in.v.data() + bh * kv * d;
    const size_t keys = s.causal ? i + 1 : kv;
    double top = -INFINITY;
    for (size_t j = 0; j < keys; ++j) {
      double dot = 0;
      for (size_t c = 0; c < d; ++c) dot += double(q[c]) * double(k[j * d + c]);
      p[j] = dot * scale;
      top = std::max(top, p[j]);
    }
    double sum = 0;
    for (size_t j = 0; j < keys; ++j) sum += (p[j] = std::exp(p[j] - top));
    for (size_t c = 0; c < d; ++c) {
      double ref = 0, norm = 0;
      for (size_t j = 0; j < keys; ++j) {
        ref += p[j] * double(v[j * d + c]);
        norm += p[j] * std::fabs(double(v[j * d + c]));
      }
      stats.add(o[row * d + c], ref / sum, norm / sum);
    }
  }
  return stats;
}

}  // namespace mpsbench
