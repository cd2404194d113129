// The CPU backend's per-case kernels: one class per workload behind the harness's Kernel interface.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "mpsbench/kernel.h"

namespace mpsbench::cpu {

/// Batched matmul through sgemm.
std::unique_ptr<Kernel> make_matmul(const MatmulSpec& spec, const CaseInputs& in);
/// conv2d through im2col + sgemm, NCHW or NHWC.
std::unique_ptr<Kernel> make_conv2d(const ConvSpec& spec, const CaseInputs& in);
/// One SGD step of the MLP through sgemm.
std::unique_ptr<Kernel> make_mlp(const TrainSpec& spec, const CaseInputs& in);

/// Bytes of a float vector's elements.
inline int64_t bytes_of(const std::vector<float>& v) { return int64_t(v.size() * sizeof(float)); }

}  // namespace mpsbench::cpu
