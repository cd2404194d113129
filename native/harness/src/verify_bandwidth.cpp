// The bandwidth check (see verify.h): every element of the written array.
#include <cmath>

#include "mpsbench/verify.h"

namespace mpsbench {

ErrorStats verify_bandwidth(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& out) {
  const BandwidthSpec& s = spec.bandwidth;
  check_size(out, output_count(spec), "bandwidth output");
  ErrorStats stats;
  stats.scan_nonfinite(out);
  for (size_t i = 0; i < out.size(); ++i) {
    const double b = in.a[i];
    if (!s.triad) {
      stats.add(out[i], b, std::fabs(b));
      continue;
    }
    const double c = in.b[i];
    stats.add(out[i], b + kTriadScalar * c, std::fabs(b) + kTriadScalar * std::fabs(c));
  }
  return stats;
}

}  // namespace mpsbench
