// Device and Mac facts for the MPS backend (see mps_device.h).
#import <Foundation/Foundation.h>
#include <IOKit/IOKitLib.h>
#include <sys/sysctl.h>

#include <vector>

#include "mps_device.h"

#if !__has_feature(objc_arc)
#error "mps_device.mm must be compiled with -fobjc-arc"
#endif

namespace mpsbench::mps {

std::string str(NSString* s) {
  const char* utf8 = s ? s.UTF8String : nullptr;
  return utf8 ? std::string(utf8) : std::string();
}

int64_t sysctl_int(const char* name) {
  int64_t value = 0;  // int32 sysctls fill the low half (little-endian)
  size_t size = sizeof value;
  return sysctlbyname(name, &value, &size, nullptr, 0) == 0 ? value : 0;
}

std::string sysctl_string(const char* name) {
  size_t size = 0;
  if (sysctlbyname(name, nullptr, &size, nullptr, 0) != 0 || size == 0 || size > 4096) return "";
  std::vector<char> buf(size + 1, '\0');
  if (sysctlbyname(name, buf.data(), &size, nullptr, 0) != 0) return "";
  return std::string(buf.data());
}

MacFacts mac_facts() {
  MacFacts f;
  const NSOperatingSystemVersion v = [NSProcessInfo processInfo].operatingSystemVersion;
  const OsVersion reported{static_cast<int64_t>(v.majorVersion), static_cast<int64_t>(v.minorVersion),
                           static_cast<int64_t>(v.patchVersion)};
  f.reported = version_string(reported);
  f.build = sysctl_string("kern.osversion");
  f.kernel = sysctl_string("kern.osrelease");
  f.os = resolve_macos(reported, f.kernel);
  const int sdk = __MAC_OS_X_VERSION_MAX_ALLOWED;  // e.g. 140200 (14.2) or 101500 (10.15)
  f.sdk = sdk >= 100000 ? std::to_string(sdk / 10000) + "." + std::to_string((sdk / 100) % 100)
                        : std::to_string(sdk / 100) + "." + std::to_string((sdk / 10) % 10);
  return f;
}

int gpu_family(id<MTLDevice> device, const OsVersion& os) {
  for (int g = highest_family_to_probe(os); g >= 1; --g) {
    if ([device supportsFamily:static_cast<MTLGPUFamily>(1000 + g)]) return g;
  }
  return 0;
}

int64_t gpu_core_count() {
  CFMutableDictionaryRef matching = IOServiceMatching("AGXAccelerator");
  if (!matching) return 0;
  io_iterator_t it = IO_OBJECT_NULL;
  // IOServiceGetMatchingServices consumes `matching` whatever it returns.
  if (IOServiceGetMatchingServices(kIOMainPortDefault, matching, &it) != KERN_SUCCESS) return 0;
  int64_t cores = 0;
  io_object_t entry = IO_OBJECT_NULL;
  while ((entry = IOIteratorNext(it)) != IO_OBJECT_NULL) {
    CFTypeRef prop = IORegistryEntryCreateCFProperty(entry, CFSTR("gpu-core-count"), kCFAllocatorDefault, 0);
    if (prop) {
      int value = 0;
      if (CFGetTypeID(prop) == CFNumberGetTypeID() && CFNumberGetValue((CFNumberRef)prop, kCFNumberIntType, &value)) {
        cores = value;
      }
      CFRelease(prop);
    }
    IOObjectRelease(entry);  // released before leaving, found or not (PyTorch MPSDevice::getCoreCount)
    if (cores > 0) break;
  }
  IOObjectRelease(it);
  return cores;
}

const char* thermal_state() {
  switch ([NSProcessInfo processInfo].thermalState) {
    case NSProcessInfoThermalStateNominal: return "nominal";
    case NSProcessInfoThermalStateFair: return "fair";
    case NSProcessInfoThermalStateSerious: return "serious";
    case NSProcessInfoThermalStateCritical: return "critical";
  }
  return "unknown";
}

bool low_power_mode() { return static_cast<bool>([[NSProcessInfo processInfo] isLowPowerModeEnabled]); }

}  // namespace mpsbench::mps
