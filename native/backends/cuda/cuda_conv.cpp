// The CUDA backend's conv2d forward through cuDNN, NCHW or NHWC, with the algorithm the search of
// cudnn_search.cpp chose (see cuda_kernel.h). Compiled only when the build found cuDNN.
#include "cuda_kernel.h"
#include "cudnn_conv.h"
#include "mpsbench/layout.h"

namespace mpsbench::cuda {

void check(cudnnStatus_t s, const char* what) {
  if (s == CUDNN_STATUS_SUCCESS) return;
  const std::string msg = std::string(what) + ": " + cudnnGetErrorString(s);
  ErrorKind kind = ErrorKind::Internal;
  if (s == CUDNN_STATUS_ALLOC_FAILED) kind = ErrorKind::Oom;
  if (s == CUDNN_STATUS_NOT_SUPPORTED) kind = ErrorKind::Unsupported;
  throw BackendError(kind, msg);
}

cudnnDataType_t dnn_type(DType d) {
  switch (d) {
    case DType::F16: return CUDNN_DATA_HALF;
    case DType::BF16: return CUDNN_DATA_BFLOAT16;
    case DType::F32:
    case DType::TF32: return CUDNN_DATA_FLOAT;
  }
  return CUDNN_DATA_FLOAT;
}

const char* algo_name(cudnnConvolutionFwdAlgo_t a) {
  static const std::array<const char*, 8> names = {
      "IMPLICIT_GEMM", "IMPLICIT_PRECOMP_GEMM", "GEMM", "DIRECT", "FFT", "FFT_TILING", "WINOGRAD", "WINOGRAD_NONFUSED"};
  const auto i = size_t(a);
  return i < names.size() ? names[i] : "unknown";
}

const char* math_name(cudnnMathType_t m) {
  switch (m) {
    case CUDNN_DEFAULT_MATH: return "CUDNN_DEFAULT_MATH";
    case CUDNN_TENSOR_OP_MATH: return "CUDNN_TENSOR_OP_MATH";
    case CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION: return "CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION";
    case CUDNN_FMA_MATH: return "CUDNN_FMA_MATH";
  }
  return "unknown";
}

namespace {

/// Forward convolution through cuDNN: descriptors for the case's layout, then the search's choice.
class Conv2d : public Kernel {
 public:
  Conv2d(const Context& ctx, DType d, const ConvSpec& s, const CaseInputs& in)
      : ctx_(ctx), d_(d), s_(s), p_(s.p()), q_(s.q()), count_(size_t(s.n * s.k * p_ * q_)),
        x_(upload(s.nhwc ? to_nhwc(in.x, s.n, s.c, s.h * s.w) : in.x, d)),
        w_(upload(s.nhwc ? to_nhwc(in.w, s.k, s.c / s.groups, s.r * s.s) : in.w, d)),
        y_(count_ * size_t(dtype_size(d))) {
    const cudnnTensorFormat_t format = s.nhwc ? CUDNN_TENSOR_NHWC : CUDNN_TENSOR_NCHW;
    const cudnnDataType_t t = dnn_type(d);
    MPSBENCH_CHECK(cudnnCreateTensorDescriptor(x_desc_.out()));
    MPSBENCH_CHECK(cudnnSetTensor4dDescriptor(x_desc_.get(), format, t, int(s.n), int(s.c), int(s.h), int(s.w)));
    MPSBENCH_CHECK(cudnnCreateFilterDescriptor(w_desc_.out()));
    MPSBENCH_CHECK(cudnnSetFilter4dDescriptor(w_desc_.get(), t, format, int(s.k), int(s.c / s.groups), int(s.r), int(s.s)));
    MPSBENCH_CHECK(cudnnCreateConvolutionDescriptor(conv_.out()));
    MPSBENCH_CHECK(cudnnSetConvolution2dDescriptor(conv_.get(), int(s.pad), int(s.pad), int(s.stride), int(s.stride),
                                                   int(s.dilation), int(s.dilation), CUDNN_CROSS_CORRELATION,
                                                   CUDNN_DATA_FLOAT));
    MPSBENCH_CHECK(cudnnSetConvolutionGroupCount(conv_.get(), int(s.groups)));
    requested_math_ = d == DType::F32 ? CUDNN_FMA_MATH : CUDNN_TENSOR_OP_MATH;
    MPSBENCH_CHECK(cudnnSetConvolutionMathType(conv_.get(), requested_math_));
    int on = 0, ok = 0, oh = 0, ow = 0;
    MPSBENCH_CHECK(cudnnGetConvolution2dForwardOutputDim(conv_.get(), x_desc_.get(), w_desc_.get(), &on, &ok, &oh, &ow));
    if (on != s.n || ok != s.k || oh != p_ || ow != q_) {
      throw BackendError(ErrorKind::Internal, "cuDNN's output shape differs from the protocol's P and Q");
    }
    MPSBENCH_CHECK(cudnnCreateTensorDescriptor(y_desc_.out()));
    MPSBENCH_CHECK(cudnnSetTensor4dDescriptor(y_desc_.get(), format, t, on, ok, oh, ow));
    ConvProblem problem;
    problem.dnn = dnn();
    problem.stream = ctx.stream;
    problem.d = d;
    problem.s = s;
    problem.p = p_;
    problem.q = q_;
    problem.x = x_.get();
    problem.w = w_.get();
    problem.y = y_.get();
    problem.x_desc = x_desc_.get();
    problem.y_desc = y_desc_.get();
    problem.w_desc = w_desc_.get();
    problem.conv = conv_.get();
    problem.requested_math = requested_math_;
    choice_ = choose_conv_algorithm(problem);
  }

  void run() override {
    if (choice_.plan.get()) {
      MPSBENCH_CHECK(cudnnBackendExecute(dnn(), choice_.plan.get(), choice_.pack.get()));
      return;
    }
    const float alpha = 1.0f, beta = 0.0f;
    MPSBENCH_CHECK(cudnnConvolutionForward(dnn(), &alpha, x_desc_.get(), x_.get(), w_desc_.get(), w_.get(), conv_.get(),
                                           choice_.algo, choice_.workspace.get(), choice_.workspace.bytes(), &beta,
                                           y_desc_.get(), y_.get()));
  }

  std::vector<float> output() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    std::vector<float> y = download(y_, count_, d_);
    return s_.nhwc ? to_nchw(y, s_.n, s_.k, p_ * q_) : y;
  }

  int64_t mem_bytes() const override {
    return int64_t(x_.bytes() + w_.bytes() + y_.bytes() + choice_.workspace.bytes());
  }

  Json info() const override {
    Json j = Json::object().set("algo", choice_.algo_text).set("selection", "fastest by CUDA events of: "
                                                                            "cudnnFindConvolutionForwardAlgorithmEx's best, "
                                                                            "graph-API engines of CUDNN_HEUR_MODE_A");
    if (choice_.plan.get()) {
      j.set("math", "graph engine; numerical notes: " + choice_.notes_text);
    } else {
      j.set("math", math_name(choice_.math));
    }
    return j.set("requested_math", math_name(requested_math_))
        .set("compute", "CUDNN_DATA_FLOAT")
        .set("layout", s_.nhwc ? "nhwc (filter krsc)" : "nchw (filter kcrs)")
        .set("workspace_bytes", int64_t(choice_.workspace.bytes()))
        .set("candidates", choice_.candidates);
  }

 private:
  const Context& ctx_;
  DType d_;
  ConvSpec s_;
  int64_t p_, q_;
  size_t count_;
  DeviceBuffer x_, w_, y_;
  Descriptor<cudnnTensorDescriptor_t, cudnnDestroyTensorDescriptor> x_desc_, y_desc_;
  Descriptor<cudnnFilterDescriptor_t, cudnnDestroyFilterDescriptor> w_desc_;
  Descriptor<cudnnConvolutionDescriptor_t, cudnnDestroyConvolutionDescriptor> conv_;
  cudnnMathType_t requested_math_ = CUDNN_DEFAULT_MATH;
  ConvChoice choice_;

  cudnnHandle_t dnn() const { return static_cast<cudnnHandle_t>(ctx_.dnn.get()); }
};

}  // namespace

cudnnHandle_t dnn_handle(Context& ctx) {
  if (!ctx.dnn) {
    cudnnHandle_t handle = nullptr;
    MPSBENCH_CHECK(cudnnCreate(&handle));
    ctx.dnn = std::shared_ptr<void>(handle, [](void* h) { cudnnDestroy(static_cast<cudnnHandle_t>(h)); });
    MPSBENCH_CHECK(cudnnSetStream(handle, ctx.stream));
  }
  return static_cast<cudnnHandle_t>(ctx.dnn.get());
}

std::unique_ptr<Kernel> make_conv2d(Context& ctx, DType d, const ConvSpec& spec, const CaseInputs& in) {
  dnn_handle(ctx);
  return std::make_unique<Conv2d>(ctx, d, spec, in);
}

void describe_conv2d(BackendInfo& info, const std::vector<DType>& dtypes) {
  const size_t v = cudnnGetVersion();
  const size_t dnn_major = v >= 90000 ? v / 10000 : v / 1000, rest = v >= 90000 ? v % 10000 : v % 1000;
  const std::string cudnn = std::to_string(dnn_major) + "." + std::to_string(rest / 100) + "." + std::to_string(rest % 100);
  info.libraries.set("cudnn", "cuDNN " + cudnn);
  info.info.set("cudnn", cudnn).set("cudnn_headers", std::to_string(CUDNN_MAJOR) + "." + std::to_string(CUDNN_MINOR) +
                                                         "." + std::to_string(CUDNN_PATCHLEVEL));
  info.workloads.push_back({Workload::Conv2d, dtypes});
}

}  // namespace mpsbench::cuda
