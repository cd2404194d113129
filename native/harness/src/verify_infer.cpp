// The infer check (see verify.h): a float64 forward pass of each batch row that holds a checked logit.
#include <algorithm>
#include <cmath>
#include <map>

#include "mpsbench/verify.h"

namespace mpsbench {
namespace {

/// Float64 forward pass of batch row `b`: the logits and, per logit, Σ|h_(n−1)·W_n| + |b_n|.
void forward_row(const InferSpec& s, const CaseInputs& in, size_t b, std::vector<double>& z,
                 std::vector<double>& norm) {
  std::vector<double> h(in.train_x.begin() + std::ptrdiff_t(b * size_t(s.layers[0])),
                        in.train_x.begin() + std::ptrdiff_t((b + 1) * size_t(s.layers[0])));
  for (size_t l = 1; l <= s.depth(); ++l) {
    const size_t fan_in = size_t(s.layers[l - 1]), fan_out = size_t(s.layers[l]);
    const std::vector<float>& w = in.weights[l - 1];
    z.assign(fan_out, 0.0);
    norm.assign(fan_out, 0.0);
    for (size_t j = 0; j < fan_out; ++j) {
      const double bias = in.biases[l - 1][j];
      z[j] = bias, norm[j] = std::fabs(bias);
    }
    for (size_t i = 0; i < fan_in; ++i) {
      const float* row = w.data() + i * fan_out;
      for (size_t j = 0; j < fan_out; ++j) {
        const double t = h[i] * double(row[j]);
        z[j] += t, norm[j] += std::fabs(t);
      }
    }
    if (l < s.depth()) {
      h.resize(fan_out);
      for (size_t j = 0; j < fan_out; ++j) h[j] = std::max(z[j], 0.0);
    }
  }
}

}  // namespace

ErrorStats verify_infer(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& logits,
                        int64_t samples) {
  const InferSpec& s = spec.infer;
  check_size(logits, output_count(spec), "infer logits");
  ErrorStats stats;
  stats.scan_nonfinite(logits);
  const size_t classes = size_t(s.layers.back());
  std::map<size_t, std::pair<std::vector<double>, std::vector<double>>> rows;
  for (size_t index : checked_indices(spec.seed, samples, logits.size())) {
    const size_t b = index / classes;
    auto it = rows.find(b);
    if (it == rows.end()) {
      it = rows.emplace(b, std::pair<std::vector<double>, std::vector<double>>{}).first;
      forward_row(s, in, b, it->second.first, it->second.second);
    }
    stats.add(logits[index], it->second.first[index % classes], it->second.second[index % classes]);
  }
  return stats;
}

}  // namespace mpsbench
