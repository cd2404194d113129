// The CPU (BLAS) backend: f32 matmul, conv2d, the MLP training step, attention, STREAM bandwidth and
// MLP inference on the host; hello facts and
// the per-case kernel lifecycle. Its make_backend() is what mpsbench-runner-cpu serves.
#include "cpu_blas.h"
#include "cpu_kernel.h"
#include "mpsbench/error.h"
#include "mpsbench/host_info.h"
#include "mpsbench/runner_main.h"

namespace mpsbench {
namespace {

class CpuBackend : public KernelBackend {
 public:
  explicit CpuBackend(const RunnerEnv& env) : threads_(cpu::configure_blas_threads(env.threads)) {}

  BackendInfo info() override {
    const HostInfo host = host_info();
    BackendInfo info;
    info.backend = "cpu";
    info.runner_name = "mpsbench-runner-cpu";
    info.device = DeviceInfo{host.cpu_name, "cpu", host.memory_bytes, host.physical_cores, threads_};
    info.libraries.set("blas", cpu::blas_description());
    info.timer = "wall";
    const std::vector<DType> f32{DType::F32};
    info.workloads = {{Workload::Matmul, f32},    {Workload::Conv2d, f32},    {Workload::Train, f32},
                      {Workload::Attention, f32}, {Workload::Bandwidth, f32}, {Workload::Infer, f32}};
    info.info.set("logical_cores", host.logical_cores).set("os", host.os);
    return info;
  }

  void prepare(const CaseSpec& spec, const CaseInputs& in) override {
    if (spec.dtype != DType::F32) {
      throw BackendError(ErrorKind::Unsupported, "dtype " + dtype_name(spec.dtype) + ": no BLAS kernel");
    }
    switch (spec.workload) {
      case Workload::Matmul: kernel_ = cpu::make_matmul(spec.matmul, in); break;
      case Workload::Conv2d: kernel_ = cpu::make_conv2d(spec.conv, in); break;
      case Workload::Train: kernel_ = cpu::make_mlp(spec.train, in); break;
      case Workload::Attention: kernel_ = cpu::make_attention(spec.attention, in); break;
      case Workload::Bandwidth: kernel_ = cpu::make_bandwidth(spec.bandwidth, in, threads_); break;
      case Workload::Infer: kernel_ = cpu::make_infer(spec.infer, in); break;
    }
  }

  std::optional<double> run_batch(int64_t iters) override {
    for (int64_t i = 0; i < iters; ++i) kernel().run();
    return std::nullopt;  // the host is the device: the harness's wall clock is the timer
  }

 private:
  int64_t threads_;
};

}  // namespace

std::unique_ptr<Backend> make_backend(const RunnerEnv& env) { return std::make_unique<CpuBackend>(env); }

}  // namespace mpsbench
