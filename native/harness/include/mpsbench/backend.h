// The interface between the harness and one backend (cpu, cuda, mps). A backend is one folder,
// native/backends/<b>/, with a backend.cmake and sources that implement this class (directly or as
// a KernelBackend) and define make_backend() (runner_main.h); the harness does everything else:
// main(), the environment, protocol, inputs, timing, verification.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mpsbench/dtype.h"
#include "mpsbench/inputs.h"
#include "mpsbench/json.h"
#include "mpsbench/workload.h"

namespace mpsbench {

/// hello.device (protocol.md §2).
struct DeviceInfo {
  std::string name;              ///< CPU or GPU model
  std::string kind = "cpu";      ///< "cpu" or "gpu"
  int64_t memory_bytes = 0;      ///< what the device can allocate
  int64_t cores = 0;             ///< physical cores (CPU) or GPU cores / SMs
  int64_t threads = 0;           ///< threads the backend computes with (MPSBENCH_THREADS)
};

/// What a backend says about itself in the hello reply; the harness adds runner.version and build.
struct BackendInfo {
  std::string backend;           ///< "cpu", "cuda", "mps"
  std::string runner_name;       ///< executable name, e.g. "mpsbench-runner-cpu"
  DeviceInfo device;
  Json libraries = Json::object();  ///< e.g. {"blas": "OpenBLAS 0.3.21 ..."}
  std::string timer = "wall";    ///< "gpu" when run_batch returns device time
  /// Compiler flags of the backend's own sources when they differ from the harness's (the MPS
  /// runner's Objective-C++ flags); appended to hello.runner.build.flags.
  std::string build_flags;
  /// Supported workloads with their dtypes; the harness answers `unsupported` for anything else.
  std::vector<std::pair<Workload, std::vector<DType>>> workloads;
  Json info = Json::object();    ///< free-form extra facts (hello.info)
};

/// Intermediates of the first train step, read back after it, for the staged check of protocol.md §4.
/// Index l-1 holds layer l (1-based as in the protocol); all matrices are row-major [batch][width] or
/// [L_(l-1)][L_l], values converted to float.
struct TrainTrace {
  std::vector<std::vector<float>> z;   ///< z_l, l = 1..n (z_n are the logits)
  std::vector<std::vector<float>> h;   ///< h_l = relu(z_l), l = 1..n-1
  std::vector<std::vector<float>> dz;  ///< dL/dz_l, l = 1..n
  std::vector<std::vector<float>> w;   ///< W_l after the update
  std::vector<std::vector<float>> b;   ///< b_l after the update
  double loss = 0;                     ///< mean softmax cross-entropy of the step
};

/// One backend. The harness calls, for each run request: prepare → run_batch(1) (the verification
/// iteration) → output() or train_trace() → run_batch(...) many times (warm-up and samples; in the
/// isolated timing model synchronize() before each sample and run_batch(1)) →
/// mem_bytes(), case_info() → release(). Failures are reported by throwing BackendError (or
/// std::bad_alloc for host allocation failure); the backend must stay usable after release().
class Backend {
 public:
  virtual ~Backend() = default;

  /// Facts for the hello reply and the support check; called once, when the runner starts.
  virtual BackendInfo info() = 0;

  /// Allocates device memory for `spec` and uploads `inputs` (converted to the device dtype and
  /// layout). Nothing of this may remain to be done inside run_batch.
  virtual void prepare(const CaseSpec& spec, const CaseInputs& inputs) = 0;

  /// Runs `iters` iterations back to back, then synchronises the device. Returns the device time of
  /// the batch in ns when the backend has a device timer (CUDA events, Metal GPUStartTime/EndTime),
  /// or nullopt; the harness measures host wall time around the call in either case.
  virtual std::optional<double> run_batch(int64_t iters) = 0;

  /// Waits until the device has finished all work queued so far. The harness calls it before each
  /// sample of the isolated timing model, outside the timed region (protocol.md §3); a backend whose
  /// run_batch leaves nothing in flight (cpu, mps: it waits for its command buffers) keeps the default.
  virtual void synchronize() {}

  /// Host time the last run_batch spent encoding and submitting its iterations, for a backend whose
  /// device time excludes that cost (Metal GPUStartTime/GPUEndTime cover execution only; CUDA events
  /// enqueued around the launches include launch gaps and need no such field). nullopt otherwise.
  /// The harness reports it per sample as encode_samples_ns (protocol.md §2).
  virtual std::optional<double> host_encode_ns() const { return std::nullopt; }

  /// The output (matmul C, conv2d Y) in logical order (NCHW for conv2d), converted to float.
  virtual std::vector<float> output() = 0;

  /// The intermediates of the train step that ran last (called right after the first one).
  virtual TrainTrace train_trace() = 0;

  /// Device bytes the prepared case allocated.
  virtual int64_t mem_bytes() const = 0;

  /// Free-form facts about how the case ran (algorithm, kernel), reported as the run reply's info.
  virtual Json case_info() const { return Json::object(); }

  /// Frees everything prepare allocated. Must not throw; called after failures too.
  virtual void release() noexcept = 0;
};

}  // namespace mpsbench
