// Host facts from /proc/cpuinfo (Linux) or sysctl (macOS), and uname (see host_info.h).
#include "mpsbench/host_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <utility>

#ifdef __APPLE__
#include <sys/sysctl.h>
#endif

namespace mpsbench {
namespace {

#ifdef __APPLE__
std::string sysctl_string(const char* name) {
  char buf[256] = {};
  size_t size = sizeof buf - 1;
  return sysctlbyname(name, buf, &size, nullptr, 0) == 0 ? std::string(buf) : std::string();
}

int64_t sysctl_int(const char* name) {
  int64_t value = 0;
  size_t size = sizeof value;
  return sysctlbyname(name, &value, &size, nullptr, 0) == 0 ? value : 0;
}

void read_cpu(HostInfo& h) {
  h.cpu_name = sysctl_string("machdep.cpu.brand_string");
  h.memory_bytes = sysctl_int("hw.memsize");
  h.physical_cores = sysctl_int("hw.physicalcpu");
}
#else
std::string field_value(const std::string& line) {
  const size_t colon = line.find(':');
  if (colon == std::string::npos) return {};
  const size_t start = line.find_first_not_of(" \t", colon + 1);
  return start == std::string::npos ? std::string() : line.substr(start);
}

void read_cpu(HostInfo& h) {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::set<std::pair<std::string, std::string>> cores;
  std::string line, physical_id;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0 && h.cpu_name.empty()) h.cpu_name = field_value(line);
    if (line.rfind("physical id", 0) == 0) physical_id = field_value(line);
    if (line.rfind("core id", 0) == 0) cores.emplace(physical_id, field_value(line));
  }
  h.physical_cores = int64_t(cores.size());
  h.memory_bytes = int64_t(sysconf(_SC_PHYS_PAGES)) * int64_t(sysconf(_SC_PAGESIZE));
}
#endif

}  // namespace

HostInfo host_info() {
  HostInfo h;
  read_cpu(h);
  h.logical_cores = int64_t(sysconf(_SC_NPROCESSORS_ONLN));
  if (h.physical_cores <= 0) h.physical_cores = h.logical_cores;
  if (h.cpu_name.empty()) h.cpu_name = "unknown CPU";
  struct utsname u;
  if (uname(&u) == 0) h.os = std::string(u.sysname) + " " + u.release + " " + u.machine;
  return h;
}

}  // namespace mpsbench
