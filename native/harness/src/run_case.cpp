// One `run` request: prepare, verify, warm up, calibrate, sample, release (protocol.md §3).
#include <algorithm>
#include <cmath>
#include <optional>

#include "mpsbench/error.h"
#include "mpsbench/protocol.h"
#include "mpsbench/verify.h"

namespace mpsbench {
namespace {

/// Releases the backend's case on every exit path.
class CaseGuard {
 public:
  explicit CaseGuard(Backend& backend) : backend_(backend) {}
  ~CaseGuard() { backend_.release(); }
  CaseGuard(const CaseGuard&) = delete;
  CaseGuard& operator=(const CaseGuard&) = delete;

 private:
  Backend& backend_;
};

void require_supported(const BackendInfo& info, const CaseSpec& spec) {
  for (const auto& [workload, dtypes] : info.workloads) {
    if (workload == spec.workload && std::count(dtypes.begin(), dtypes.end(), spec.dtype) > 0) return;
  }
  throw BackendError(ErrorKind::Unsupported, "backend " + info.backend + " does not run " +
                                                 workload_name(spec.workload) + " " + dtype_name(spec.dtype));
}

int64_t verify_samples(const Json& request) {
  const Json* verify = request.find("verify");
  const Json* samples = verify ? verify->find("samples") : nullptr;
  if (!samples) return 256;
  const double v = samples->is_number() ? samples->as_number() : -1;
  if (v < 0 || v != std::floor(v) || v > 1e7) {
    throw BackendError(ErrorKind::Invalid, "verify.samples must be an integer in [0, 10^7]");
  }
  return int64_t(v);
}

ErrorStats verify_first_iteration(Backend& backend, const CaseSpec& spec, const CaseInputs& in,
                                  int64_t samples) {
  backend.run_batch(1);
  switch (spec.workload) {
    case Workload::Matmul: return verify_matmul(spec, in, backend.output(), samples);
    case Workload::Conv2d: return verify_conv2d(spec, in, backend.output(), samples);
    case Workload::Train: return verify_train(spec, in, backend.train_trace(), samples);
    case Workload::Attention: return verify_attention(spec, in, backend.output(), samples);
    case Workload::Bandwidth: return verify_bandwidth(spec, in, backend.output());
    case Workload::Infer: return verify_infer(spec, in, backend.output(), samples);
  }
  return {};
}

Json number_array(const std::vector<double>& values) {
  Json a = Json::array();
  for (double v : values) a.push(v);
  return a;
}

}  // namespace

Json run_case(Backend& backend, const BackendInfo& info, const Json& request, Clock& clock) {
  const Json* case_json = request.find("case");
  if (!case_json) throw BackendError(ErrorKind::Invalid, "run request without \"case\"");
  const CaseSpec spec = parse_case(*case_json);
  const Budget budget = parse_budget(request.find("budget"));
  const TimingModel timing = parse_timing(request.find("timing"));
  const int64_t samples = verify_samples(request);
  require_supported(info, spec);

  const CaseInputs inputs = make_inputs(spec);
  CaseGuard guard(backend);
  backend.prepare(spec, inputs);
  const ErrorStats verified = verify_first_iteration(backend, spec, inputs, samples);
  const auto batch = [&](int64_t iters) {
    const std::optional<double> device = backend.run_batch(iters);  // before host_encode_ns(), which reads it
    return BatchTimes(device, backend.host_encode_ns());
  };
  const TimingResult t = measure(budget, batch, clock, timing, [&] { backend.synchronize(); });

  Json reply = Json::object()
                   .set("timer", t.device_timer ? "gpu" : "wall")
                   .set("timing", timing_name(t.timing))
                   .set("iters_per_sample", t.iters_per_sample)
                   .set("samples_ns", number_array(t.samples_ns));
  if (t.device_timer) reply.set("wall_samples_ns", number_array(t.wall_samples_ns));
  if (!t.encode_samples_ns.empty()) reply.set("encode_samples_ns", number_array(t.encode_samples_ns));
  return reply
      .set("warmup", Json::object()
                         .set("iters", t.warmup_iters)
                         .set("first_ns", t.warmup_first_ns)
                         .set("total_ns", t.warmup_total_ns))
      .set("verify", verified.to_json())
      .set("mem_bytes", backend.mem_bytes())
      .set("info", backend.case_info());
}

}  // namespace mpsbench
