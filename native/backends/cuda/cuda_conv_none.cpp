// conv2d of a CUDA runner built without cuDNN: unsupported, with the reason, in hello and in every
// conv2d reply (see cuda_kernel.h). backend.cmake compiles this file instead of cuda_conv.cpp.
#include "cuda_kernel.h"

namespace mpsbench::cuda {
namespace {

constexpr const char* kNoCudnn =
    "built without cuDNN (cudnn.h or libcudnn not found: set CUDNN_ROOT, or install python's nvidia-cudnn package, "
    "and rebuild)";

}  // namespace

std::unique_ptr<Kernel> make_conv2d(Context&, DType, const ConvSpec&, const CaseInputs&) {
  throw BackendError(ErrorKind::Unsupported, std::string("conv2d: ") + kNoCudnn);
}

void describe_conv2d(BackendInfo& info, const std::vector<DType>&) {
  info.libraries.set("cudnn", "not built in");
  info.info.set("conv2d", std::string("unsupported: ") + kNoCudnn);
}

}  // namespace mpsbench::cuda
