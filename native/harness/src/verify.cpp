// Error accounting and the matmul / conv2d dot-product checks (see verify.h).
#include "mpsbench/verify.h"

#include <algorithm>
#include <cmath>

#include "mpsbench/error.h"
#include "mpsbench/generator.h"

namespace mpsbench {

void ErrorStats::add(double y, double ref, double norm) {
  ++checked;
  if (!std::isfinite(y)) return;
  max_rel_err = std::max(max_rel_err, std::fabs(y - ref) / std::max(norm, 1e-30));
}

void ErrorStats::scan_nonfinite(const std::vector<float>& out) {
  for (float v : out) nonfinite += std::isfinite(v) ? 0 : 1;
}

Json ErrorStats::to_json() const {
  return Json::object()
      .set("max_rel_err", nonfinite > 0 ? Json() : Json(max_rel_err))
      .set("checked", checked)
      .set("nonfinite", nonfinite);
}

std::vector<size_t> checked_indices(uint64_t seed, int64_t samples, size_t count) {
  if (count == 0) return {};
  std::vector<size_t> idx{0, count - 1};
  const GenStream gen(seed, 99);
  for (int64_t j = 0; j < samples; ++j) idx.push_back(size_t(gen.bits(uint64_t(j)) % count));
  return idx;
}

void check_size(const std::vector<float>& out, size_t expected, const char* what) {
  if (out.size() != expected) {
    throw BackendError(ErrorKind::Internal, std::string("backend returned ") + std::to_string(out.size()) +
                                                " " + what + " elements, expected " + std::to_string(expected));
  }
}

ErrorStats verify_matmul(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& c,
                         int64_t samples) {
  const MatmulSpec& s = spec.matmul;
  check_size(c, output_count(spec), "matmul output");
  ErrorStats stats;
  stats.scan_nonfinite(c);
  const size_t mn = size_t(s.m * s.n);
  for (size_t index : checked_indices(spec.seed, samples, c.size())) {
    const size_t b = index / mn, i = (index % mn) / size_t(s.n), j = index % size_t(s.n);
    const float* a = in.a.data() + b * size_t(s.m * s.k);
    const float* bm = in.b.data() + b * size_t(s.k * s.n);
    double ref = 0, norm = 0;
    for (size_t k = 0; k < size_t(s.k); ++k) {
      const double av = s.trans_a ? a[k * size_t(s.m) + i] : a[i * size_t(s.k) + k];
      const double bv = s.trans_b ? bm[j * size_t(s.k) + k] : bm[k * size_t(s.n) + j];
      ref += av * bv;
      norm += std::fabs(av * bv);
    }
    stats.add(c[index], ref, norm);
  }
  return stats;
}

ErrorStats verify_conv2d(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& y,
                         int64_t samples) {
  const ConvSpec& s = spec.conv;
  check_size(y, output_count(spec), "conv2d output");
  ErrorStats stats;
  stats.scan_nonfinite(y);
  const int64_t p_count = s.p(), q_count = s.q(), cg = s.c / s.groups, kg = s.k / s.groups;
  for (size_t index : checked_indices(spec.seed, samples, y.size())) {
    const auto i = int64_t(index);
    const int64_t q = i % q_count, p = (i / q_count) % p_count, k = (i / (q_count * p_count)) % s.k;
    const int64_t n = i / (q_count * p_count * s.k), g = k / kg;
    double ref = 0, norm = 0;
    for (int64_t c = 0; c < cg; ++c) {
      for (int64_t r = 0; r < s.r; ++r) {
        const int64_t ih = p * s.stride - s.pad + r * s.dilation;
        if (ih < 0 || ih >= s.h) continue;
        for (int64_t t = 0; t < s.s; ++t) {
          const int64_t iw = q * s.stride - s.pad + t * s.dilation;
          if (iw < 0 || iw >= s.w) continue;
          const double xv = in.x[size_t(((n * s.c + g * cg + c) * s.h + ih) * s.w + iw)];
          const double wv = in.w[size_t(((k * cg + c) * s.r + r) * s.s + t)];
          ref += xv * wv;
          norm += std::fabs(xv * wv);
        }
      }
    }
    stats.add(y[index], ref, norm);
  }
  return stats;
}

}  // namespace mpsbench
