// The cuDNN side of the CUDA backend's conv2d, shared by the kernel (cuda_conv.cpp) and its algorithm
// search (cudnn_search.cpp); both are compiled only when the build found cuDNN (backend.cmake).
#pragma once

#include <cudnn.h>

#include <array>
#include <string>
#include <utility>

#include "cuda_common.h"
#include "mpsbench/json.h"
#include "mpsbench/workload.h"

namespace mpsbench::cuda {

/// Throws BackendError (oom, unsupported or internal by status) unless `s` is success.
void check(cudnnStatus_t s, const char* what);

/// The context's cuDNN handle (ctx.dnn), created on first use and bound to ctx.stream.
cudnnHandle_t dnn_handle(Context& ctx);

/// The cuDNN element type of dtype `d` (tf32 is stored as float).
cudnnDataType_t dnn_type(DType d);
/// "IMPLICIT_GEMM" … for the run reply's info.
const char* algo_name(cudnnConvolutionFwdAlgo_t a);
/// "CUDNN_FMA_MATH" … for the run reply's info.
const char* math_name(cudnnMathType_t m);

template <typename T, cudnnStatus_t (*Destroy)(T)>
class Descriptor {
 public:
  Descriptor() = default;
  ~Descriptor() {
    if (d_) Destroy(d_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  T* out() { return &d_; }
  T get() const { return d_; }

 private:
  T d_ = nullptr;
};

/// Owns one cuDNN graph-API (backend) descriptor.
class GraphDesc {
 public:
  GraphDesc() = default;
  explicit GraphDesc(cudnnBackendDescriptorType_t type) { MPSBENCH_CHECK(cudnnBackendCreateDescriptor(type, &d_)); }
  ~GraphDesc() {
    if (d_) cudnnBackendDestroyDescriptor(d_);
  }
  GraphDesc(GraphDesc&& o) noexcept : d_(std::exchange(o.d_, nullptr)) {}
  GraphDesc& operator=(GraphDesc&& o) noexcept {
    if (this != &o) {
      if (d_) cudnnBackendDestroyDescriptor(d_);
      d_ = std::exchange(o.d_, nullptr);
    }
    return *this;
  }
  GraphDesc(const GraphDesc&) = delete;
  GraphDesc& operator=(const GraphDesc&) = delete;

  cudnnBackendDescriptor_t get() const { return d_; }
  /// Sets an attribute of `count` values; returns *this for chaining.
  GraphDesc& set(cudnnBackendAttributeName_t name, cudnnBackendAttributeType_t type, const void* values,
                 int64_t count = 1) {
    MPSBENCH_CHECK(cudnnBackendSetAttribute(d_, name, type, count, values));
    return *this;
  }
  GraphDesc& set_desc(cudnnBackendAttributeName_t name, const GraphDesc& v) {
    const cudnnBackendDescriptor_t raw = v.get();
    return set(name, CUDNN_TYPE_BACKEND_DESCRIPTOR, &raw);
  }
  void finalize() { MPSBENCH_CHECK(cudnnBackendFinalize(d_)); }

 private:
  cudnnBackendDescriptor_t d_ = nullptr;
};


/// One convolution as the search sees it: the case, its device buffers and its legacy-API
/// descriptors (owned by the kernel, which outlives the search).
struct ConvProblem {
  cudnnHandle_t dnn = nullptr;
  cudaStream_t stream = nullptr;
  DType d = DType::F32;
  ConvSpec s;
  int64_t p = 0, q = 0;
  void* x = nullptr;
  void* w = nullptr;
  void* y = nullptr;
  cudnnTensorDescriptor_t x_desc = nullptr, y_desc = nullptr;
  cudnnFilterDescriptor_t w_desc = nullptr;
  cudnnConvolutionDescriptor_t conv = nullptr;
  cudnnMathType_t requested_math = CUDNN_DEFAULT_MATH;
};

/// What the search chose: a graph-API plan (plan set) or a legacy algorithm, with its workspace.
struct ConvChoice {
  cudnnConvolutionFwdAlgo_t algo = CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM;
  cudnnMathType_t math = CUDNN_DEFAULT_MATH;
  DeviceBuffer workspace;
  GraphDesc plan, pack;  // set when a graph-API engine won
  std::string algo_text, notes_text;
  Json candidates = Json::array();  ///< every timed candidate, for the run reply's info
};

/// The fastest of two searches on the problem's own buffers: the legacy API's
/// cudnnFindConvolutionForwardAlgorithmEx (cudnnConvolutionForward), and the graph API's engine
/// heuristics (CUDNN_HEUR_MODE_A, the way PyTorch reaches cuDNN 9, where the Hopper kernels live),
/// each finalist timed with CUDA events. f32 keeps FMA kernels only (no TF32: legacy CUDNN_FMA_MATH,
/// graph engines without the TENSOR_CORE note); no dtype accepts engines that down-convert inputs
/// or reduce in reduced precision (f32 accumulation). Throws `unsupported` when nothing is allowed.
ConvChoice choose_conv_algorithm(const ConvProblem& problem);

}  // namespace mpsbench::cuda
