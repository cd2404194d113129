// The CPU backend's per-case kernels: one class per workload behind a common interface.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "mpsbench/backend.h"

namespace mpsbench::cpu {

/// A prepared case: buffers allocated and filled in the constructor, run() does one iteration.
class Kernel {
 public:
  virtual ~Kernel() = default;
  /// One iteration, allocation- and copy-free.
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

/// Batched matmul through sgemm.
std::unique_ptr<Kernel> make_matmul(const MatmulSpec& spec, const CaseInputs& in);
/// conv2d through im2col + sgemm, NCHW or NHWC.
std::unique_ptr<Kernel> make_conv2d(const ConvSpec& spec, const CaseInputs& in);
/// One SGD step of the MLP through sgemm.
std::unique_ptr<Kernel> make_mlp(const TrainSpec& spec, const CaseInputs& in);

/// Bytes of a float vector's elements.
inline int64_t bytes_of(const std::vector<float>& v) { return int64_t(v.size() * sizeof(float)); }

}  // namespace mpsbench::cpu
