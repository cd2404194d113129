// The CUDA backend (mpsbench-runner-cuda): matmul through cuBLAS (f32, tf32, f16, bf16; f32
// accumulation), conv2d forward through cuDNN (when the build found it), and the MLP training step
// as cuBLAS GEMMs plus the small kernels of cuda_kernels.cu; one source per workload (cuda_kernel.h).
// Samples are timed with CUDA events around each batch of iterations (device ns); the harness adds
// the wall clock (protocol.md §3).
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cuda_common.h"
#include "cuda_kernel.h"
#include "mpsbench/runner_main.h"

namespace mpsbench {
namespace cuda {
namespace {

std::string version_string(int v) {  // CUDA's 1000·major + 10·minor
  return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10);
}

int device_attribute(cudaDeviceAttr attr, int device) {
  int v = 0;
  return cudaDeviceGetAttribute(&v, attr, device) == cudaSuccess ? v : 0;
}

class CudaBackend : public KernelBackend {
 public:
  CudaBackend() {
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess || count == 0) {
      throw BackendError(ErrorKind::Unsupported, std::string("no usable CUDA device: ") +
                                                     (e != cudaSuccess ? cudaGetErrorString(e) : "none found"));
    }
    MPSBENCH_CHECK(cudaSetDevice(0));
    MPSBENCH_CHECK(cudaFree(nullptr));  // creates the context now, not inside the first case
    MPSBENCH_CHECK(cudaStreamCreateWithFlags(&ctx_.stream, cudaStreamNonBlocking));
    MPSBENCH_CHECK(cudaEventCreate(&start_));
    MPSBENCH_CHECK(cudaEventCreate(&stop_));
    MPSBENCH_CHECK(cublasCreate(&ctx_.blas));
    MPSBENCH_CHECK(cublasSetStream(ctx_.blas, ctx_.stream));
    ctx_.blas_workspace = DeviceBuffer(kBlasWorkspace);
    MPSBENCH_CHECK(cublasSetWorkspace(ctx_.blas, ctx_.blas_workspace.get(), ctx_.blas_workspace.bytes()));
  }

  ~CudaBackend() override {
    kernel_.reset();  // before the context (which ctx_'s destructor frees after this body)
    if (start_) cudaEventDestroy(start_);
    if (stop_) cudaEventDestroy(stop_);
  }

  BackendInfo info() override {
    cudaDeviceProp prop{};
    MPSBENCH_CHECK(cudaGetDeviceProperties(&prop, 0));
    size_t free_bytes = 0, total_bytes = 0;
    MPSBENCH_CHECK(cudaMemGetInfo(&free_bytes, &total_bytes));
    int driver = 0, runtime = 0;
    MPSBENCH_CHECK(cudaDriverGetVersion(&driver));
    MPSBENCH_CHECK(cudaRuntimeGetVersion(&runtime));
    int major = 0, minor = 0, patch = 0;
    MPSBENCH_CHECK(cublasGetProperty(MAJOR_VERSION, &major));
    MPSBENCH_CHECK(cublasGetProperty(MINOR_VERSION, &minor));
    MPSBENCH_CHECK(cublasGetProperty(PATCH_LEVEL, &patch));
    const std::string cublas = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);

    BackendInfo info;
    info.backend = "cuda";
    info.runner_name = "mpsbench-runner-cuda";
    info.device = DeviceInfo{prop.name, "gpu", int64_t(total_bytes), int64_t(prop.multiProcessorCount), 1};
    info.libraries.set("cuda_runtime", version_string(runtime))
        .set("cuda_driver", version_string(driver))
        .set("cublas", "cuBLAS " + cublas);
    info.timer = "gpu";
    const std::vector<DType> all{DType::F32, DType::TF32, DType::F16, DType::BF16};
    const std::vector<DType> storage{DType::F32, DType::F16, DType::BF16};
    info.workloads = {{Workload::Matmul, all},
                      {Workload::Train, all},
                      {Workload::Attention, storage},
                      {Workload::Bandwidth, storage}};
    Json& x = info.info;
    x.set("gpu", prop.name)
        .set("compute_capability", std::to_string(prop.major) + "." + std::to_string(prop.minor))
        .set("sm_count", prop.multiProcessorCount)
        .set("memory_bytes", int64_t(total_bytes))
        .set("memory_free_bytes", int64_t(free_bytes))
        .set("l2_bytes", prop.l2CacheSize)
        .set("memory_bus_bits", device_attribute(cudaDevAttrGlobalMemoryBusWidth, 0))
        .set("sm_clock_max_mhz", device_attribute(cudaDevAttrClockRate, 0) / 1000)
        .set("memory_clock_max_mhz", device_attribute(cudaDevAttrMemoryClockRate, 0) / 1000)
        .set("pci_bus_id", prop.pciBusID)
        .set("cuda_driver", version_string(driver))
        .set("cuda_runtime", version_string(runtime))
        .set("cublas", cublas)
        .set("cublas_workspace_bytes", int64_t(kBlasWorkspace))
        .set("timer", "CUDA events around each batch of iterations on one non-blocking stream (isolated: stream synchronised, event, one iteration, event, synchronised)");
    if (const char* tf32 = std::getenv("NVIDIA_TF32_OVERRIDE")) x.set("NVIDIA_TF32_OVERRIDE", tf32);
    describe_conv2d(info, all);
    return info;
  }

  void prepare(const CaseSpec& spec, const CaseInputs& in) override {
    switch (spec.workload) {
      case Workload::Matmul: kernel_ = make_matmul(ctx_, spec.dtype, spec.matmul, in); break;
      case Workload::Train: kernel_ = make_mlp(ctx_, spec.dtype, spec.train, in); break;
      case Workload::Conv2d: kernel_ = make_conv2d(ctx_, spec.dtype, spec.conv, in); break;
      case Workload::Attention: kernel_ = make_attention(ctx_, spec.dtype, spec.attention, in); break;
      case Workload::Bandwidth: kernel_ = make_bandwidth(ctx_, spec.dtype, spec.bandwidth, in); break;
      default: throw BackendError(ErrorKind::Unsupported, "cuda does not run " + workload_name(spec.workload));
    }
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
  }

  /// Isolated timing: the stream drained before each sample, so its events bracket one iteration alone.
  void synchronize() override { MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream)); }

  std::optional<double> run_batch(int64_t iters) override {
    Kernel& k = kernel();
    MPSBENCH_CHECK(cudaEventRecord(start_, ctx_.stream));
    for (int64_t i = 0; i < iters; ++i) k.run();
    MPSBENCH_CHECK(cudaEventRecord(stop_, ctx_.stream));
    MPSBENCH_CHECK(cudaEventSynchronize(stop_));
    MPSBENCH_CHECK(cudaGetLastError());
    float ms = 0;
    MPSBENCH_CHECK(cudaEventElapsedTime(&ms, start_, stop_));
    return double(ms) * 1e6;
  }

  void release() noexcept override {
    cudaStreamSynchronize(ctx_.stream);  // no kernel may still use the buffers being freed
    KernelBackend::release();
  }

 private:
  Context ctx_;
  cudaEvent_t start_ = nullptr, stop_ = nullptr;
};

}  // namespace
}  // namespace cuda

/// The GPU backend computes with one host thread whatever MPSBENCH_THREADS says (the harness has
/// validated it).
std::unique_ptr<Backend> make_backend(const RunnerEnv&) { return std::make_unique<cuda::CudaBackend>(); }

}  // namespace mpsbench
