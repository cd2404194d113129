// The CUDA backend's per-case kernels, one source per workload (as in backends/cpu/), behind the
// harness's Kernel interface; cuda_backend.cpp picks one per case.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cuda_common.h"
#include "mpsbench/backend.h"
#include "mpsbench/kernel.h"

namespace mpsbench::cuda {

/// Matmul (batched when spec.batch > 1) through cuBLAS in dtype `d` (cuda_matmul.cpp).
std::unique_ptr<Kernel> make_matmul(const Context& ctx, DType d, const MatmulSpec& spec, const CaseInputs& in);

/// One SGD step of the MLP: cuBLAS GEMMs plus the kernels of cuda_kernels.cu (cuda_mlp.cpp).
std::unique_ptr<Kernel> make_mlp(const Context& ctx, DType d, const TrainSpec& spec, const CaseInputs& in);

/// STREAM copy or triad through the kernels of cuda_stream_kernels.cu (cuda_bandwidth.cpp).
std::unique_ptr<Kernel> make_bandwidth(const Context& ctx, DType d, const BandwidthSpec& spec, const CaseInputs& in);

/// Attention: cuDNN's fused flash attention where make_fused_attention gives one, else (and for
/// f32) the unfused path, two batched cuBLAS GEMMs around a row softmax kernel (cuda_attention.cpp);
/// the run reply's info says which ran (`path`) and why.
std::unique_ptr<Kernel> make_attention(Context& ctx, DType d, const AttentionSpec& spec, const CaseInputs& in);

/// Attention as one cuDNN graph (cudnn_attention.cpp, compiled when the build found cuDNN and
/// MPSBENCH_CUDNN_ATTENTION is not OFF; else cudnn_attention_none.cpp). nullptr, with the reason in
/// `why_not`, when cuDNN cannot run the case (dtype, version, no engine); throws only `oom`.
std::unique_ptr<Kernel> make_fused_attention(Context& ctx, DType d, const AttentionSpec& spec, const CaseInputs& in,
                                             std::string& why_not);

/// conv2d forward through cuDNN (cuda_conv.cpp, compiled when the build found cuDNN; it creates
/// ctx.dnn on first use). Without cuDNN (cuda_conv_none.cpp) it throws `unsupported` with the reason.
std::unique_ptr<Kernel> make_conv2d(Context& ctx, DType d, const ConvSpec& spec, const CaseInputs& in);

/// Adds the conv2d facts to hello: cuDNN's version and conv2d with `dtypes` in the workload list,
/// or, without cuDNN, why conv2d is unsupported.
void describe_conv2d(BackendInfo& info, const std::vector<DType>& dtypes);

}  // namespace mpsbench::cuda
