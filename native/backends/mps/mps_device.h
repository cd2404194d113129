// Facts about the Metal device and the Mac for the MPS backend's hello and guards (Objective-C++;
// the decisions themselves are in the platform-neutral mps_platform.h).
#pragma once

#import <Metal/Metal.h>

#include <cstdint>
#include <string>

#include "mps_platform.h"

// MPSDataTypeBFloat16 and MTLDevice.architecture are declared from the macOS 14 SDK on; with an
// older SDK the runner builds without bf16 and without the architecture name.
#if defined(__MAC_14_0) && __MAC_OS_X_VERSION_MAX_ALLOWED >= __MAC_14_0
#define MPSBENCH_SDK_14 1
#else
#define MPSBENCH_SDK_14 0
#endif

// MPSGraph's scaledDotProductAttention (MPSGraphMatrixMultiplicationOps.h, MPS_AVAILABLE_STARTING
// macos(15.0)) is declared from the macOS 15 SDK on; with an older SDK attention always takes the
// matmul + softmax path. (MPSBENCH_HAVE_*: apple-sdk-check.sh leaves the name to this header.)
#if defined(__MAC_15_0) && __MAC_OS_X_VERSION_MAX_ALLOWED >= __MAC_15_0
#define MPSBENCH_HAVE_MPSGRAPH_SDPA 1
#else
#define MPSBENCH_HAVE_MPSGRAPH_SDPA 0
#endif

namespace mpsbench::mps {

/// The macOS this runs on (the compatibility version 16.x seen through, see resolve_macos) and the
/// raw facts it was resolved from.
struct MacFacts {
  ResolvedOs os;
  std::string reported;      ///< NSProcessInfo.operatingSystemVersion as the process sees it
  std::string build;         ///< sysctl kern.osversion, e.g. "25A354"
  std::string kernel;        ///< sysctl kern.osrelease, e.g. "25.0.0"
  std::string sdk;           ///< the SDK the runner was built with (__MAC_OS_X_VERSION_MAX_ALLOWED)
};

/// Reads the facts above.
MacFacts mac_facts();

/// The highest MTLGPUFamilyAppleN that `device` supports, asking about the families `os` knows
/// (raw values 1001 … 1010, so an older SDK need not declare them); 0 when none.
int gpu_family(id<MTLDevice> device, const OsVersion& os);

/// IORegistry AGXAccelerator "gpu-core-count" (0 when absent, e.g. on a paravirtual device).
int64_t gpu_core_count();

/// sysctlbyname as an integer (0 when absent) or a string ("" when absent).
int64_t sysctl_int(const char* name);
std::string sysctl_string(const char* name);

/// NSProcessInfo.thermalState as "nominal", "fair", "serious" or "critical".
const char* thermal_state();

/// NSProcessInfo.isLowPowerModeEnabled.
bool low_power_mode();

/// The UTF-8 of `s` ("" for nil).
std::string str(NSString* s);

}  // namespace mpsbench::mps
