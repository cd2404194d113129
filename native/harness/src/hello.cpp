// The hello reply (protocol.md §2): backend facts plus the harness's version and build info.
#include "mpsbench/build_config.h"
#include "mpsbench/protocol.h"

namespace mpsbench {
namespace {

Json build_info(const BackendInfo& info) {
#ifdef NDEBUG
  const bool debug = false;
#else
  const bool debug = true;
#endif
  return Json::object()
      .set("compiler", MPSBENCH_BUILD_COMPILER)
      .set("flags", info.build_flags.empty() ? std::string(MPSBENCH_BUILD_FLAGS)
                                             : std::string(MPSBENCH_BUILD_FLAGS) + " " + info.build_flags)
      .set("type", MPSBENCH_BUILD_TYPE)
      .set("debug", debug);
}

Json workloads_json(const BackendInfo& info) {
  Json w = Json::object();
  for (const auto& [workload, dtypes] : info.workloads) {
    Json list = Json::array();
    for (DType d : dtypes) list.push(dtype_name(d));
    w.set(workload_name(workload), std::move(list));
  }
  return w;
}

}  // namespace

Json hello_reply(const BackendInfo& info) {
  const DeviceInfo& d = info.device;
  return Json::object()
      .set("op", "hello")
      .set("ok", true)
      .set("protocol", kProtocolVersion)
      .set("backend", info.backend)
      .set("runner", Json::object()
                         .set("name", info.runner_name)
                         .set("version", MPSBENCH_VERSION)
                         .set("build", build_info(info)))
      .set("device", Json::object()
                         .set("name", d.name)
                         .set("kind", d.kind)
                         .set("memory_bytes", d.memory_bytes)
                         .set("cores", d.cores)
                         .set("threads", d.threads))
      .set("libraries", info.libraries)
      .set("timer", info.timer)
      .set("workloads", workloads_json(info))
      .set("info", info.info);
}

}  // namespace mpsbench
