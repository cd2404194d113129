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

/// Scaled dot-product attention through sgemm and a row softmax, in blocks of query rows.
std::unique_ptr<Kernel> make_attention(const AttentionSpec& spec, const CaseInputs& in);
/// STREAM copy (memcpy) or triad over `threads` threads.
std::unique_ptr<Kernel> make_bandwidth(const BandwidthSpec& spec, const CaseInputs& in, int64_t threads);
/// The MLP forward pass through sgemm.
std::unique_ptr<Kernel> make_infer(const InferSpec& spec, const CaseInputs& in);

/// One dense layer of the MLP: z = x·W + bias ([batch][in]·[in][out]), and h = relu(z) unless h is null.
void dense_layer(const float* x, const float* w, const float* bias, float* z, float* h, int64_t batch, int64_t in,
                 int64_t out);

/// Bytes of a float vector's elements.
inline int64_t bytes_of(const std::vector<float>& v) { return int64_t(v.size() * sizeof(float)); }

}  // namespace mpsbench::cpu
