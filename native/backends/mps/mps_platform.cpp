// macOS version resolution and GPU-family probing limits (see mps_platform.h).
#include "mps_platform.h"

#include <cctype>

namespace mpsbench::mps {

bool at_least(const OsVersion& v, int64_t major, int64_t minor) {
  return v.major != major ? v.major > major : v.minor >= minor;
}

std::string version_string(const OsVersion& v) {
  return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
}

int64_t darwin_major(const std::string& osrelease) {
  int64_t major = 0;
  size_t i = 0;
  for (; i < osrelease.size() && std::isdigit(static_cast<unsigned char>(osrelease[i])) && i < 4; ++i) {
    major = major * 10 + (osrelease[i] - '0');
  }
  const bool ends_well = i == osrelease.size() || osrelease[i] == '.';
  return i > 0 && ends_well ? major : 0;
}

ResolvedOs resolve_macos(const OsVersion& reported, const std::string& osrelease) {
  ResolvedOs out{reported, false};
  const int64_t darwin = darwin_major(osrelease);
  int64_t from_kernel = 0;
  if (darwin >= 25) {
    from_kernel = darwin + 1;  // Darwin 25 = macOS 26 (Tahoe)
  } else if (darwin >= 20) {
    from_kernel = darwin - 9;  // Darwin 20 = macOS 11 (Big Sur) … Darwin 24 = macOS 15 (Sequoia)
  }
  if (from_kernel > reported.major) {
    out.version.major = from_kernel;
    out.compatibility_version = true;
  } else if (from_kernel == 0 && reported.major == 16) {
    out.version.major = 26;
    out.compatibility_version = true;
  }
  return out;
}

int highest_family_to_probe(const OsVersion& os) {
  if (at_least(os, 26)) return 10;
  if (at_least(os, 14)) return 9;
  if (at_least(os, 13)) return 8;
  return 7;
}

}  // namespace mpsbench::mps
