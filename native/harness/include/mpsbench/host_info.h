// Facts about the host machine for hello replies: CPU model, memory, core counts, OS.
#pragma once

#include <cstdint>
#include <string>

namespace mpsbench {

/// What the host says about itself; fields that cannot be read stay empty or 0.
struct HostInfo {
  std::string cpu_name;        ///< /proc/cpuinfo "model name", or sysctl machdep.cpu.brand_string
  int64_t memory_bytes = 0;    ///< physical memory
  int64_t physical_cores = 0;  ///< distinct (physical id, core id) pairs, or hw.physicalcpu
  int64_t logical_cores = 0;   ///< online logical CPUs
  std::string os;              ///< uname: sysname release machine
};

/// Reads the host's facts (Linux and macOS).
HostInfo host_info();

}  // namespace mpsbench
