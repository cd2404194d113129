// The MPS backend's platform facts, decided from plain numbers: the macOS version behind the
// compatibility version 16.x that an old-SDK binary is shown on macOS 26, and which GPU families
// are worth asking about.
#include "check.h"
#include "mps_platform.h"

using namespace mpsbench::mps;

namespace {

std::string resolved(OsVersion reported, const std::string& osrelease) {
  const ResolvedOs r = resolve_macos(reported, osrelease);
  return version_string(r.version) + (r.compatibility_version ? " (compat)" : "");
}

}  // namespace

TEST_SUITE(mps_platform) {
  CHECK_EQ(darwin_major("25.1.0"), int64_t(25));
  CHECK_EQ(darwin_major("24"), int64_t(24));
  CHECK_EQ(darwin_major(""), int64_t(0));
  CHECK_EQ(darwin_major("x25"), int64_t(0));
  CHECK_EQ(darwin_major("25a"), int64_t(0));
  CHECK_EQ(darwin_major("123456.0"), int64_t(0));

  // What the process is told, and what the kernel says.
  CHECK_EQ(resolved({15, 3, 1}, "24.3.0"), std::string("15.3.1"));
  CHECK_EQ(resolved({14, 0, 0}, "23.0.0"), std::string("14.0.0"));
  CHECK_EQ(resolved({26, 1, 0}, "25.1.0"), std::string("26.1.0"));  // a binary built with SDK 26
  CHECK_EQ(resolved({16, 0, 0}, "25.0.0"), std::string("26.0.0 (compat)"));  // SDK 15 binary on Tahoe
  CHECK_EQ(resolved({16, 1, 0}, "25.1.0"), std::string("26.1.0 (compat)"));
  CHECK_EQ(resolved({16, 0, 0}, "26.0.0"), std::string("27.0.0 (compat)"));  // the next year's release
  CHECK_EQ(resolved({16, 2, 0}, ""), std::string("26.2.0 (compat)"));        // no kernel version: no macOS 16 exists
  CHECK_EQ(resolved({16, 0, 0}, "garbage"), std::string("26.0.0 (compat)"));
  CHECK_EQ(resolved({13, 5, 0}, ""), std::string("13.5.0"));

  CHECK(at_least({15, 1, 0}, 15, 1));
  CHECK(!at_least({15, 0, 9}, 15, 1));
  CHECK(at_least({26, 0, 0}, 15, 1));
  CHECK(!at_least({14, 7, 0}, 15));

  CHECK_EQ(highest_family_to_probe({12, 6, 0}), 7);
  CHECK_EQ(highest_family_to_probe({13, 0, 0}), 8);
  CHECK_EQ(highest_family_to_probe({15, 5, 0}), 9);
  CHECK_EQ(highest_family_to_probe(resolve_macos({16, 0, 0}, "25.0.0").version), 10);  // M5 under an old SDK
}
