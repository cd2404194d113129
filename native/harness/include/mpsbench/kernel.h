// Prepared cases as objects: a backend builds one Kernel per case and KernelBackend answers the
// harness's per-case questions from it, so a backend only writes info(), prepare() and run_batch().
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "mpsbench/backend.h"
#include "mpsbench/error.h"

namespace mpsbench {

/// A prepared case: buffers allocated and filled in the constructor, run() does (or enqueues) one
/// iteration with no allocation, copy or synchronisation.
class Kernel {
 public:
  virtual ~Kernel() = default;
  /// One iteration.
  virtual void run() = 0;
  /// Output in logical order (matmul, conv2d); empty for train.
  virtual std::vector<float> output() const { return {}; }
  /// Intermediates of the last step (train only).
  virtual TrainTrace trace() const { return {}; }
  /// Bytes of the buffers the case allocated.
  virtual int64_t mem_bytes() const = 0;
  /// Facts about the algorithm, for the run reply's info.
  virtual Json info() const { return Json::object(); }
};

/// A Backend whose prepared case is a Kernel held in `kernel_`.
class KernelBackend : public Backend {
 public:
  std::vector<float> output() override { return kernel().output(); }
  TrainTrace train_trace() override { return kernel().trace(); }
  int64_t mem_bytes() const override { return kernel_ ? kernel_->mem_bytes() : 0; }
  Json case_info() const override { return kernel_ ? kernel_->info() : Json::object(); }
  void release() noexcept override { kernel_.reset(); }

 protected:
  std::unique_ptr<Kernel> kernel_;

  /// The prepared case; an `internal` error when none is.
  Kernel& kernel() {
    if (!kernel_) throw BackendError(ErrorKind::Internal, "no case prepared");
    return *kernel_;
  }
};

}  // namespace mpsbench
