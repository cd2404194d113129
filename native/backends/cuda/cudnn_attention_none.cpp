// Attention of a CUDA runner built without cuDNN's fused attention (no cuDNN found, or
// MPSBENCH_CUDNN_ATTENTION=OFF at configure time): always the unfused path (see cuda_kernel.h).
#include "cuda_kernel.h"

namespace mpsbench::cuda {

std::unique_ptr<Kernel> make_fused_attention(Context&, DType, const AttentionSpec&, const CaseInputs&,
                                             std::string& why_not) {
#ifdef MPSBENCH_CUDNN_ATTENTION_OFF
  why_not = "this runner was built with MPSBENCH_CUDNN_ATTENTION=OFF (cuDNN's fused attention not compiled in)";
#else
  why_not = "this runner was built without cuDNN (set CUDNN_ROOT, or install python's nvidia-cudnn package, and rebuild)";
#endif
  return nullptr;
}

}  // namespace mpsbench::cuda
