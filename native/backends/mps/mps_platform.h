// Facts about the running macOS and Apple GPU that the MPS backend decides from plain numbers, so that
// the decisions are tested on any machine (native/tests/test_mps_platform.cpp). Platform-neutral C++.
#pragma once

#include <cstdint>
#include <string>

namespace mpsbench::mps {

/// A macOS version, e.g. 15.1.0.
struct OsVersion {
  int64_t major = 0, minor = 0, patch = 0;
};

/// True when `v` is `major.minor` or newer.
bool at_least(const OsVersion& v, int64_t major, int64_t minor = 0);

/// "15.1.0".
std::string version_string(const OsVersion& v);

/// The Darwin kernel's major version from kern.osrelease ("25.1.0" → 25); 0 when it is not a number.
int64_t darwin_major(const std::string& osrelease);

/// The macOS that the machine really runs, and whether the process was shown a compatibility version.
struct ResolvedOs {
  OsVersion version;
  bool compatibility_version = false;  ///< NSProcessInfo reported 16.x for macOS 26 or later
};

/// The macOS version from `reported` (NSProcessInfo.operatingSystemVersion) and `osrelease`
/// (sysctl kern.osrelease). A binary built with an SDK older than 26 is shown 16.x on macOS 26
/// (dotnet/runtime#116536, macadmins/SupportCompanion#73), so the kernel decides the major version:
/// Darwin 20–24 are macOS 11–15, Darwin 25 and later are macOS 26 and later (the year-numbered
/// names). Minor and patch stay as reported. Without a usable kernel version, a reported 16 is
/// taken for 26 (there is no macOS 16).
ResolvedOs resolve_macos(const OsVersion& reported, const std::string& osrelease);

/// The highest MTLGPUFamilyAppleN worth asking about on `os`: Apple10 (M5) is known from macOS 26,
/// Apple9 (M3, M4) from 14, Apple8 (M2) from 13, Apple7 (M1) before.
int highest_family_to_probe(const OsVersion& os);

}  // namespace mpsbench::mps
