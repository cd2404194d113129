// The CUDA backend (mpsbench-runner-cuda): matmul through cuBLAS (f32, tf32, f16, bf16; f32
// accumulation), conv2d forward through cuDNN (when the build found it), and the MLP training step
// as cuBLAS GEMMs plus the small kernels of cuda_kernels.cu. Samples are timed with CUDA events
// around each batch of iterations (device ns); the harness adds the wall clock (protocol.md §3).
//
// Row-major operands reach column-major cuBLAS by swapping them: C = A·B in row-major is
// Cᵀ = Bᵀ·Aᵀ in column-major, and a row-major matrix read as column-major is its transpose.
#include <cublas_v2.h>
#include <cuda_runtime_api.h>
#include <library_types.h>
#ifdef MPSBENCH_CUDNN
#include <cudnn.h>
#endif

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cuda_kernels.h"
#include "mpsbench/backend.h"
#include "mpsbench/error.h"
#include "mpsbench/kernel.h"
#include "mpsbench/layout.h"
#include "mpsbench/runner_main.h"

namespace mpsbench::cuda {
namespace {

// ---- Status checks: every CUDA, cuBLAS and cuDNN call goes through one of these -----------------

void check(cudaError_t e, const char* what) {
  if (e == cudaSuccess) return;
  cudaGetLastError();  // clear a non-sticky error so that the runner stays usable
  const std::string msg = std::string(what) + ": " + cudaGetErrorName(e) + " (" + cudaGetErrorString(e) + ")";
  throw BackendError(e == cudaErrorMemoryAllocation ? ErrorKind::Oom : ErrorKind::Internal, msg);
}

void check(cublasStatus_t s, const char* what) {
  if (s == CUBLAS_STATUS_SUCCESS) return;
  const std::string msg = std::string(what) + ": " + cublasGetStatusName(s) + " (" + cublasGetStatusString(s) + ")";
  ErrorKind kind = ErrorKind::Internal;
  if (s == CUBLAS_STATUS_ALLOC_FAILED) kind = ErrorKind::Oom;
  if (s == CUBLAS_STATUS_NOT_SUPPORTED || s == CUBLAS_STATUS_ARCH_MISMATCH) kind = ErrorKind::Unsupported;
  throw BackendError(kind, msg);
}

#ifdef MPSBENCH_CUDNN
void check(cudnnStatus_t s, const char* what) {
  if (s == CUDNN_STATUS_SUCCESS) return;
  const std::string msg = std::string(what) + ": " + cudnnGetErrorString(s);
  ErrorKind kind = ErrorKind::Internal;
  if (s == CUDNN_STATUS_ALLOC_FAILED) kind = ErrorKind::Oom;
  if (s == CUDNN_STATUS_NOT_SUPPORTED) kind = ErrorKind::Unsupported;
  throw BackendError(kind, msg);
}
#endif

#define MPSBENCH_CHECK(call) check((call), #call)

// ---- Device memory and transfers ----------------------------------------------------------------

/// One cudaMalloc'd buffer, freed on destruction.
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(size_t bytes) : bytes_(bytes) {
    if (bytes > 0) MPSBENCH_CHECK(cudaMalloc(&ptr_, bytes));
  }
  ~DeviceBuffer() {
    if (ptr_) cudaFree(ptr_);
  }
  DeviceBuffer(DeviceBuffer&& o) noexcept : ptr_(std::exchange(o.ptr_, nullptr)), bytes_(std::exchange(o.bytes_, 0)) {}
  DeviceBuffer& operator=(DeviceBuffer&& o) noexcept {
    if (this != &o) {
      if (ptr_) cudaFree(ptr_);
      ptr_ = std::exchange(o.ptr_, nullptr);
      bytes_ = std::exchange(o.bytes_, 0);
    }
    return *this;
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  void* get() const { return ptr_; }
  template <typename T>
  T* as() const { return static_cast<T*>(ptr_); }
  size_t bytes() const { return bytes_; }

 private:
  void* ptr_ = nullptr;
  size_t bytes_ = 0;
};

Storage storage_of(DType d) {
  switch (d) {
    case DType::F16: return Storage::F16;
    case DType::BF16: return Storage::BF16;
    case DType::F32:
    case DType::TF32: return Storage::F32;
  }
  return Storage::F32;
}

/// `values` (already representable in `d`: the harness rounded them) stored on the device as `d`.
DeviceBuffer upload(const std::vector<float>& values, DType d) {
  DeviceBuffer buf(values.size() * size_t(dtype_size(d)));
  if (values.empty()) return buf;
  if (storage_of(d) == Storage::F32) {
    MPSBENCH_CHECK(cudaMemcpy(buf.get(), values.data(), buf.bytes(), cudaMemcpyHostToDevice));
    return buf;
  }
  std::vector<uint16_t> bits(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    bits[i] = d == DType::F16 ? f32_to_f16_bits(values[i]) : f32_to_bf16_bits(values[i]);
  }
  MPSBENCH_CHECK(cudaMemcpy(buf.get(), bits.data(), buf.bytes(), cudaMemcpyHostToDevice));
  return buf;
}

/// The first `count` elements of a device tensor of dtype `d`, as float (exact).
std::vector<float> download(const DeviceBuffer& buf, size_t count, DType d) {
  std::vector<float> out(count);
  if (count == 0) return out;
  if (storage_of(d) == Storage::F32) {
    MPSBENCH_CHECK(cudaMemcpy(out.data(), buf.get(), count * sizeof(float), cudaMemcpyDeviceToHost));
    return out;
  }
  std::vector<uint16_t> bits(count);
  MPSBENCH_CHECK(cudaMemcpy(bits.data(), buf.get(), count * sizeof(uint16_t), cudaMemcpyDeviceToHost));
  for (size_t i = 0; i < count; ++i) out[i] = d == DType::F16 ? f16_bits_to_f32(bits[i]) : bf16_bits_to_f32(bits[i]);
  return out;
}


// ---- cuBLAS ----------------------------------------------------------------------------------------

/// cuBLAS workspace, as PyTorch gives it on Hopper (CUBLAS_WORKSPACE_CONFIG :4096:8), so both
/// libraries see the same kernel choices.
constexpr size_t kBlasWorkspace = size_t(32) << 20;

cudaDataType_t blas_type(DType d) {
  switch (d) {
    case DType::F16: return CUDA_R_16F;
    case DType::BF16: return CUDA_R_16BF;
    case DType::F32:
    case DType::TF32: return CUDA_R_32F;
  }
  return CUDA_R_32F;
}

cublasComputeType_t blas_compute(DType d) {
  return d == DType::TF32 ? CUBLAS_COMPUTE_32F_FAST_TF32 : CUBLAS_COMPUTE_32F;
}

/// What the GEMMs of dtype `d` compute with, for the run reply's info.
std::string blas_math(DType d) {
  switch (d) {
    case DType::F32: return "f32 FMA, no tensor cores (CUDA_R_32F, CUBLAS_COMPUTE_32F, CUBLAS_DEFAULT_MATH)";
    case DType::TF32: return "TF32 tensor cores, f32 storage and accumulation (CUBLAS_COMPUTE_32F_FAST_TF32)";
    case DType::F16: return "f16 tensor cores, f32 accumulation (CUDA_R_16F, CUBLAS_COMPUTE_32F)";
    case DType::BF16: return "bf16 tensor cores, f32 accumulation (CUDA_R_16BF, CUBLAS_COMPUTE_32F)";
  }
  return "";
}

/// Everything a prepared case runs on: the stream, the library handles and the cuBLAS workspace.
struct Context {
  cudaStream_t stream = nullptr;
  cublasHandle_t blas = nullptr;
  DeviceBuffer blas_workspace;
#ifdef MPSBENCH_CUDNN
  cudnnHandle_t dnn = nullptr;
#endif
};

/// Row-major C[b] = alpha·op(A[b])·op(B[b]) + beta·C[b] (M×N, inner K), `batch` matrices `stride_*`
/// elements apart, through cublasGemmEx / cublasGemmStridedBatchedEx with the operands swapped.
struct RowMajorGemm {
  bool trans_a = false, trans_b = false;
  int64_t m = 0, n = 0, k = 0, lda = 0, ldb = 0, ldc = 0;
  int64_t batch = 1, stride_a = 0, stride_b = 0, stride_c = 0;

  void run(const Context& ctx, DType d, float alpha, const void* a, const void* b, float beta, void* c) const {
    const cudaDataType_t t = blas_type(d);
    // Column-major view: Cᵀ (N×M) = op(B)ᵀ (N×K) · op(A)ᵀ (K×M); row-major B is column-major Bᵀ,
    // so cuBLAS's first operand is B, transposed exactly when trans_b.
    const cublasOperation_t op_first = trans_b ? CUBLAS_OP_T : CUBLAS_OP_N;
    const cublasOperation_t op_second = trans_a ? CUBLAS_OP_T : CUBLAS_OP_N;
    if (batch == 1) {
      MPSBENCH_CHECK(cublasGemmEx(ctx.blas, op_first, op_second, int(n), int(m), int(k), &alpha, b, t, int(ldb), a, t,
                                  int(lda), &beta, c, t, int(ldc), blas_compute(d), CUBLAS_GEMM_DEFAULT));
    } else {
      MPSBENCH_CHECK(cublasGemmStridedBatchedEx(ctx.blas, op_first, op_second, int(n), int(m), int(k), &alpha, b, t,
                                                int(ldb), stride_b, a, t, int(lda), stride_a, &beta, c, t, int(ldc),
                                                stride_c, int(batch), blas_compute(d), CUBLAS_GEMM_DEFAULT));
    }
  }
};

/// The plain row-major GEMM: A [M][K] (or [K][M] when trans_a), B [K][N] (or [N][K]), C [M][N].
RowMajorGemm row_major(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k) {
  RowMajorGemm g;
  g.trans_a = trans_a;
  g.trans_b = trans_b;
  g.m = m;
  g.n = n;
  g.k = k;
  g.lda = trans_a ? m : k;
  g.ldb = trans_b ? k : n;
  g.ldc = n;
  return g;
}

// ---- Per-case kernels --------------------------------------------------------------------------

class Matmul : public Kernel {
 public:
  Matmul(const Context& ctx, DType d, const MatmulSpec& s, const CaseInputs& in)
      : ctx_(ctx), d_(d), gemm_(row_major(s.trans_a, s.trans_b, s.m, s.n, s.k)), a_(upload(in.a, d)),
        b_(upload(in.b, d)), c_(size_t(s.batch * s.m * s.n) * size_t(dtype_size(d))), count_(size_t(s.batch * s.m * s.n)) {
    gemm_.batch = s.batch;
    gemm_.stride_a = s.m * s.k;
    gemm_.stride_b = s.k * s.n;
    gemm_.stride_c = s.m * s.n;
  }

  void run() override { gemm_.run(ctx_, d_, 1.0f, a_.get(), b_.get(), 0.0f, c_.get()); }
  std::vector<float> output() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    return download(c_, count_, d_);
  }
  int64_t mem_bytes() const override { return int64_t(a_.bytes() + b_.bytes() + c_.bytes()); }
  Json info() const override {
    return Json::object()
        .set("algo", gemm_.batch == 1 ? "cublasGemmEx" : "cublasGemmStridedBatchedEx")
        .set("math", blas_math(d_))
        .set("layout", "row-major, operands swapped for column-major cuBLAS")
        .set("cublas_workspace_bytes", int64_t(kBlasWorkspace));
  }

 private:
  const Context& ctx_;
  DType d_;
  RowMajorGemm gemm_;
  DeviceBuffer a_, b_, c_;
  size_t count_;
};

/// One SGD step of the MLP (protocol.md §4): forward GEMM + bias/ReLU per layer, softmax
/// cross-entropy and its gradient, then per layer (last first) the hidden gradient with the old
/// W_l, the weight update folded into a GEMM (W_l −= lr·h_(l−1)ᵀ·dz_l with beta = 1) and the bias
/// update. x, W, z, h and dz are stored in the case's dtype (GEMMs accumulate in f32); the biases
/// are kept in f32, whose updates (lr·Σ dz, ~1e-6) would be f16 subnormals. f16 also scales the
/// loss by S = 2^ceil(log2 batch): gradients are stored ×S, so that they stay out of f16's
/// subnormal range, and unscaled in the updates (lr/S) and in the trace (exact: a power of two).
class Mlp : public Kernel {
 public:
  Mlp(const Context& ctx, DType d, const TrainSpec& s, const CaseInputs& in)
      : ctx_(ctx), d_(d), s_(s), x_(upload(in.train_x, d)), labels_(in.labels.size() * sizeof(int32_t)),
        row_loss_(size_t(s.batch) * sizeof(float)), loss_(sizeof(float)) {
    if (d == DType::F16) {
      while (grad_scale_ < float(s.batch)) grad_scale_ *= 2;
    }
    MPSBENCH_CHECK(cudaMemcpy(labels_.get(), in.labels.data(), labels_.bytes(), cudaMemcpyHostToDevice));
    const size_t elem = size_t(dtype_size(d));
    for (size_t l = 1; l <= s.depth(); ++l) {
      w_.push_back(upload(in.weights[l - 1], d));
      b_.push_back(upload(in.biases[l - 1], DType::F32));
      const size_t size = size_t(s.batch * s.layers[l]);
      z_.emplace_back(size * elem);
      dz_.emplace_back(size * elem);
      if (l < s.depth()) h_.emplace_back(size * elem);
    }
  }

  void run() override {
    const size_t n = s_.depth();
    const Storage t = storage_of(d_);
    for (size_t l = 1; l <= n; ++l) {
      row_major(false, false, s_.batch, width(l), width(l - 1)).run(ctx_, d_, 1.0f, input_of(l), w_[l - 1].get(), 0.0f, z_[l - 1].get());
      MPSBENCH_CHECK(launch_bias_act(t, z_[l - 1].get(), l < n ? h_[l - 1].get() : nullptr, b_[l - 1].as<float>(), s_.batch,
                                     width(l), ctx_.stream));
    }
    MPSBENCH_CHECK(launch_softmax_xent(t, z_[n - 1].get(), labels_.as<int32_t>(), dz_[n - 1].get(), row_loss_.as<float>(),
                                       s_.batch, width(n), grad_scale_, ctx_.stream));
    MPSBENCH_CHECK(launch_mean(row_loss_.as<float>(), loss_.as<float>(), s_.batch, ctx_.stream));
    const float lr = float(s_.lr / grad_scale_);  // gradients are stored ×grad_scale_
    for (size_t l = n; l >= 1; --l) {
      if (l > 1) {  // dz_(l-1) = (dz_l · W_lᵀ) ⊙ [z_(l-1) > 0], before W_l changes
        row_major(false, true, s_.batch, width(l - 1), width(l)).run(ctx_, d_, 1.0f, dz_[l - 1].get(), w_[l - 1].get(), 0.0f,
                                                                   dz_[l - 2].get());
        MPSBENCH_CHECK(launch_relu_mask(t, dz_[l - 2].get(), z_[l - 2].get(), s_.batch * width(l - 1), ctx_.stream));
      }
      row_major(true, false, width(l - 1), width(l), s_.batch).run(ctx_, d_, -lr, input_of(l), dz_[l - 1].get(), 1.0f,
                                                                 w_[l - 1].get());
      MPSBENCH_CHECK(launch_bias_sgd(t, b_[l - 1].as<float>(), dz_[l - 1].get(), s_.batch, width(l), lr, ctx_.stream));
    }
  }

  TrainTrace trace() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    TrainTrace tr;
    const size_t n = s_.depth(), batch = size_t(s_.batch);
    for (size_t l = 1; l <= n; ++l) {
      const size_t rows = batch * size_t(width(l));
      tr.z.push_back(download(z_[l - 1], rows, d_));
      tr.dz.push_back(download(dz_[l - 1], rows, d_));
      for (float& v : tr.dz.back()) v /= grad_scale_;
      if (l < n) tr.h.push_back(download(h_[l - 1], rows, d_));
      tr.w.push_back(download(w_[l - 1], size_t(width(l - 1) * width(l)), d_));
      tr.b.push_back(download(b_[l - 1], size_t(width(l)), DType::F32));
    }
    float loss = 0;
    MPSBENCH_CHECK(cudaMemcpy(&loss, loss_.get(), sizeof loss, cudaMemcpyDeviceToHost));
    tr.loss = loss;
    return tr;
  }

  int64_t mem_bytes() const override {
    size_t total = x_.bytes() + labels_.bytes() + row_loss_.bytes() + loss_.bytes();
    for (const auto* group : {&w_, &b_, &z_, &h_, &dz_}) {
      for (const DeviceBuffer& m : *group) total += m.bytes();
    }
    return int64_t(total);
  }

  Json info() const override {
    return Json::object()
        .set("algo", "cublasGemmEx forward/backward, SGD folded into the weight-gradient GEMM (beta = 1); "
                     "bias+ReLU, ReLU mask, softmax cross-entropy, loss mean, bias gradient+SGD kernels")
        .set("math", blas_math(d_))
        .set("storage", dtype_name(d_) + " x, W, z, h, dz; f32 biases and loss")
        .set("loss_scale", double(grad_scale_))
        .set("cublas_workspace_bytes", int64_t(kBlasWorkspace));
  }

 private:
  const Context& ctx_;
  DType d_;
  TrainSpec s_;
  float grad_scale_ = 1;
  DeviceBuffer x_, labels_, row_loss_, loss_;
  std::vector<DeviceBuffer> w_, b_, z_, h_, dz_;  // index l-1 holds layer l

  int64_t width(size_t l) const { return s_.layers[l]; }
  const void* input_of(size_t l) const { return l == 1 ? x_.get() : h_[l - 2].get(); }
};

#ifdef MPSBENCH_CUDNN

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

/// Owns one cuDNN (legacy API) descriptor.
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

/// Strides of a logical [d0][d1][d2][d3] tensor stored channels-first (d0 d1 d2 d3) or
/// channels-last (d0 d2 d3 d1).
std::array<int64_t, 4> strides_of(const std::array<int64_t, 4>& d, bool channels_last) {
  if (channels_last) return {d[1] * d[2] * d[3], 1, d[3] * d[1], d[1]};
  return {d[1] * d[2] * d[3], d[2] * d[3], d[3], 1};
}

/// Forward convolution through cuDNN, the fastest of two searches on this case's own buffers:
/// the legacy API's cudnnFindConvolutionForwardAlgorithmEx (cudnnConvolutionForward), and the
/// graph API's engine heuristics (CUDNN_HEUR_MODE_A, the way PyTorch reaches cuDNN 9, where the
/// Hopper kernels live), each finalist timed with CUDA events. f32 keeps FMA kernels only (no TF32:
/// legacy CUDNN_FMA_MATH, graph engines without the TENSOR_CORE note); no dtype accepts engines that
/// down-convert inputs or reduce in reduced precision (f32 accumulation).
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
    choose();
  }

  void run() override {
    if (plan_.get()) {
      MPSBENCH_CHECK(cudnnBackendExecute(ctx_.dnn, plan_.get(), pack_.get()));
      return;
    }
    const float alpha = 1.0f, beta = 0.0f;
    MPSBENCH_CHECK(cudnnConvolutionForward(ctx_.dnn, &alpha, x_desc_.get(), x_.get(), w_desc_.get(), w_.get(), conv_.get(),
                                           algo_, workspace_.get(), workspace_.bytes(), &beta, y_desc_.get(), y_.get()));
  }

  std::vector<float> output() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    std::vector<float> y = download(y_, count_, d_);
    return s_.nhwc ? to_nchw(y, s_.n, s_.k, p_ * q_) : y;
  }

  int64_t mem_bytes() const override { return int64_t(x_.bytes() + w_.bytes() + y_.bytes() + workspace_.bytes()); }

  Json info() const override {
    Json j = Json::object().set("algo", algo_text_).set("selection", "fastest by CUDA events of: "
                                                                      "cudnnFindConvolutionForwardAlgorithmEx's best, "
                                                                      "graph-API engines of CUDNN_HEUR_MODE_A");
    if (plan_.get()) {
      j.set("math", "graph engine; numerical notes: " + notes_text_);
    } else {
      j.set("math", math_name(math_));
    }
    return j.set("requested_math", math_name(requested_math_))
        .set("compute", "CUDNN_DATA_FLOAT")
        .set("layout", s_.nhwc ? "nhwc (filter krsc)" : "nchw (filter kcrs)")
        .set("workspace_bytes", int64_t(workspace_.bytes()))
        .set("candidates", candidates_);
  }

 private:
  const Context& ctx_;
  DType d_;
  ConvSpec s_;
  int64_t p_, q_;
  size_t count_;
  DeviceBuffer x_, w_, y_, workspace_;
  Descriptor<cudnnTensorDescriptor_t, cudnnDestroyTensorDescriptor> x_desc_, y_desc_;
  Descriptor<cudnnFilterDescriptor_t, cudnnDestroyFilterDescriptor> w_desc_;
  Descriptor<cudnnConvolutionDescriptor_t, cudnnDestroyConvolutionDescriptor> conv_;
  cudnnConvolutionFwdAlgo_t algo_ = CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM;
  cudnnMathType_t requested_math_ = CUDNN_DEFAULT_MATH, math_ = CUDNN_DEFAULT_MATH;
  GraphDesc plan_, pack_;  // set when a graph-API engine won
  std::string algo_text_, notes_text_;
  Json candidates_ = Json::array();

  static constexpr int kGraphCandidates = 8;  // heuristic engine configs timed at most

  /// Mean time of one call of `f` over 10 calls after 2 warm-up calls, in ms (CUDA events).
  template <typename F>
  float time_ms(F&& f) {
    cudaEvent_t a = nullptr, b = nullptr;
    MPSBENCH_CHECK(cudaEventCreate(&a));
    MPSBENCH_CHECK(cudaEventCreate(&b));
    float ms = -1;
    try {
      for (int i = 0; i < 2; ++i) f();
      MPSBENCH_CHECK(cudaEventRecord(a, ctx_.stream));
      for (int i = 0; i < 10; ++i) f();
      MPSBENCH_CHECK(cudaEventRecord(b, ctx_.stream));
      MPSBENCH_CHECK(cudaEventSynchronize(b));
      MPSBENCH_CHECK(cudaEventElapsedTime(&ms, a, b));
    } catch (...) {
      cudaEventDestroy(a);
      cudaEventDestroy(b);
      throw;
    }
    cudaEventDestroy(a);
    cudaEventDestroy(b);
    return ms / 10;
  }

  /// The largest workspace any legacy algorithm asks for, capped at half the free memory; on OOM, halved.
  DeviceBuffer search_workspace() {
    size_t want = 0;
    for (int a = 0; a < CUDNN_CONVOLUTION_FWD_ALGO_COUNT; ++a) {
      size_t bytes = 0;
      if (cudnnGetConvolutionForwardWorkspaceSize(ctx_.dnn, x_desc_.get(), w_desc_.get(), conv_.get(), y_desc_.get(),
                                                  cudnnConvolutionFwdAlgo_t(a), &bytes) == CUDNN_STATUS_SUCCESS) {
        want = std::max(want, bytes);
      }
    }
    want = std::min(want, free_memory() / 2);
    for (;;) {
      try {
        return DeviceBuffer(want);
      } catch (const BackendError& e) {
        if (e.kind() != ErrorKind::Oom || want < (size_t(1) << 20)) throw;
        want /= 2;
      }
    }
  }

  static size_t free_memory() {
    size_t free_bytes = 0, total_bytes = 0;
    MPSBENCH_CHECK(cudaMemGetInfo(&free_bytes, &total_bytes));
    return free_bytes;
  }

  /// Legacy API: cudnnFind's fastest allowed algorithm, its workspace allocated; false if none.
  bool legacy_best(cudnnConvolutionFwdAlgo_t& algo, cudnnMathType_t& math, DeviceBuffer& ws) {
    int max_algos = 0;
    MPSBENCH_CHECK(cudnnGetConvolutionForwardAlgorithmMaxCount(ctx_.dnn, &max_algos));
    std::vector<cudnnConvolutionFwdAlgoPerf_t> perf(size_t(std::max(max_algos, 1)));
    int returned = 0;
    {
      DeviceBuffer search = search_workspace();
      const cudnnStatus_t st = cudnnFindConvolutionForwardAlgorithmEx(
          ctx_.dnn, x_desc_.get(), x_.get(), w_desc_.get(), w_.get(), conv_.get(), y_desc_.get(), y_.get(),
          int(perf.size()), &returned, perf.data(), search.get(), search.bytes());
      if (st == CUDNN_STATUS_NOT_SUPPORTED || st == CUDNN_STATUS_BAD_PARAM) return false;
      check(st, "cudnnFindConvolutionForwardAlgorithmEx");
    }
    for (int i = 0; i < returned; ++i) {  // fastest first; f32 must not run on TF32 tensor cores
      const auto& r = perf[size_t(i)];
      if (r.status != CUDNN_STATUS_SUCCESS || (d_ == DType::F32 && r.mathType != CUDNN_FMA_MATH)) continue;
      algo = r.algo;
      math = r.mathType;
      MPSBENCH_CHECK(cudnnSetConvolutionMathType(conv_.get(), math));
      size_t bytes = 0;
      MPSBENCH_CHECK(cudnnGetConvolutionForwardWorkspaceSize(ctx_.dnn, x_desc_.get(), w_desc_.get(), conv_.get(),
                                                             y_desc_.get(), algo, &bytes));
      ws = DeviceBuffer(std::max(bytes, r.memory));
      return true;
    }
    return false;
  }

  GraphDesc tensor(int64_t uid, const std::array<int64_t, 4>& dims) const {
    GraphDesc t(CUDNN_BACKEND_TENSOR_DESCRIPTOR);
    const cudnnDataType_t type = dnn_type(d_);
    const std::array<int64_t, 4> strides = strides_of(dims, s_.nhwc);
    const int64_t alignment = 16;
    t.set(CUDNN_ATTR_TENSOR_DATA_TYPE, CUDNN_TYPE_DATA_TYPE, &type)
        .set(CUDNN_ATTR_TENSOR_DIMENSIONS, CUDNN_TYPE_INT64, dims.data(), 4)
        .set(CUDNN_ATTR_TENSOR_STRIDES, CUDNN_TYPE_INT64, strides.data(), 4)
        .set(CUDNN_ATTR_TENSOR_UNIQUE_ID, CUDNN_TYPE_INT64, &uid)
        .set(CUDNN_ATTR_TENSOR_BYTE_ALIGNMENT, CUDNN_TYPE_INT64, &alignment)
        .finalize();
    return t;
  }

  /// The operation graph of this convolution (X uid 1, W uid 2, Y uid 3).
  GraphDesc graph() const {
    const GraphDesc x = tensor(1, {s_.n, s_.c, s_.h, s_.w});
    const GraphDesc w = tensor(2, {s_.k, s_.c / s_.groups, s_.r, s_.s});
    const GraphDesc y = tensor(3, {s_.n, s_.k, p_, q_});
    GraphDesc conv(CUDNN_BACKEND_CONVOLUTION_DESCRIPTOR);
    const cudnnDataType_t compute = CUDNN_DATA_FLOAT;
    const cudnnConvolutionMode_t mode = CUDNN_CROSS_CORRELATION;
    const int64_t dims = 2, pad[2] = {s_.pad, s_.pad}, dil[2] = {s_.dilation, s_.dilation},
                  stride[2] = {s_.stride, s_.stride};
    conv.set(CUDNN_ATTR_CONVOLUTION_SPATIAL_DIMS, CUDNN_TYPE_INT64, &dims)
        .set(CUDNN_ATTR_CONVOLUTION_COMP_TYPE, CUDNN_TYPE_DATA_TYPE, &compute)
        .set(CUDNN_ATTR_CONVOLUTION_CONV_MODE, CUDNN_TYPE_CONVOLUTION_MODE, &mode)
        .set(CUDNN_ATTR_CONVOLUTION_PRE_PADDINGS, CUDNN_TYPE_INT64, pad, 2)
        .set(CUDNN_ATTR_CONVOLUTION_POST_PADDINGS, CUDNN_TYPE_INT64, pad, 2)
        .set(CUDNN_ATTR_CONVOLUTION_DILATIONS, CUDNN_TYPE_INT64, dil, 2)
        .set(CUDNN_ATTR_CONVOLUTION_FILTER_STRIDES, CUDNN_TYPE_INT64, stride, 2)
        .finalize();
    GraphDesc op(CUDNN_BACKEND_OPERATION_CONVOLUTION_FORWARD_DESCRIPTOR);
    const float alpha = 1.0f, beta = 0.0f;
    op.set_desc(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_X, x)
        .set_desc(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_W, w)
        .set_desc(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_Y, y)
        .set_desc(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_CONV_DESC, conv)
        .set(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_ALPHA, CUDNN_TYPE_FLOAT, &alpha)
        .set(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_BETA, CUDNN_TYPE_FLOAT, &beta)
        .finalize();
    GraphDesc g(CUDNN_BACKEND_OPERATIONGRAPH_DESCRIPTOR);
    g.set_desc(CUDNN_ATTR_OPERATIONGRAPH_OPS, op).set(CUDNN_ATTR_OPERATIONGRAPH_HANDLE, CUDNN_TYPE_HANDLE, &ctx_.dnn).finalize();
    return g;
  }

  /// The numerical notes of an engine config's engine; false when the dtype must not use it.
  bool allowed_engine(cudnnBackendDescriptor_t cfg, int64_t& index, std::string& notes) const {
    GraphDesc engine(CUDNN_BACKEND_ENGINE_DESCRIPTOR);
    cudnnBackendDescriptor_t raw = engine.get();
    int64_t n = 0;
    if (cudnnBackendGetAttribute(cfg, CUDNN_ATTR_ENGINECFG_ENGINE, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &n, &raw) !=
        CUDNN_STATUS_SUCCESS) {
      return false;
    }
    cudnnBackendGetAttribute(raw, CUDNN_ATTR_ENGINE_GLOBAL_INDEX, CUDNN_TYPE_INT64, 1, &n, &index);
    std::array<cudnnBackendNumericalNote_t, 32> list{};
    int64_t count = 0;
    if (cudnnBackendGetAttribute(raw, CUDNN_ATTR_ENGINE_NUMERICAL_NOTE, CUDNN_TYPE_NUMERICAL_NOTE,
                                 int64_t(list.size()), &count, list.data()) != CUDNN_STATUS_SUCCESS) {
      count = 0;
    }
    bool ok = true;
    notes.clear();
    for (int64_t i = 0; i < std::min<int64_t>(count, int64_t(list.size())); ++i) {
      const cudnnBackendNumericalNote_t note = list[size_t(i)];
      const char* name = "other";
      switch (note) {
        case CUDNN_NUMERICAL_NOTE_TENSOR_CORE: name = "TENSOR_CORE"; ok = ok && d_ != DType::F32; break;
        case CUDNN_NUMERICAL_NOTE_DOWN_CONVERT_INPUTS: name = "DOWN_CONVERT_INPUTS"; ok = false; break;
        case CUDNN_NUMERICAL_NOTE_REDUCED_PRECISION_REDUCTION: name = "REDUCED_PRECISION_REDUCTION"; ok = false; break;
        case CUDNN_NUMERICAL_NOTE_FFT: name = "FFT"; break;
        case CUDNN_NUMERICAL_NOTE_NONDETERMINISTIC: name = "NONDETERMINISTIC"; break;
        case CUDNN_NUMERICAL_NOTE_WINOGRAD: name = "WINOGRAD"; break;
        default: break;
      }
      notes += (notes.empty() ? "" : ",") + std::string(name);
    }
    if (notes.empty()) notes = "none";
    return ok;
  }

  struct GraphCandidate {
    GraphDesc plan, pack;
    DeviceBuffer ws;
    int64_t engine = -1;
    std::string notes;
    float ms = 0;
  };

  /// Graph API: up to kGraphCandidates allowed engine configs of CUDNN_HEUR_MODE_A, each timed;
  /// returns the fastest (plan empty when none finalised).
  GraphCandidate graph_best() {
    GraphCandidate best;
    GraphDesc g = graph();
    GraphDesc heur(CUDNN_BACKEND_ENGINEHEUR_DESCRIPTOR);
    const cudnnBackendHeurMode_t mode = CUDNN_HEUR_MODE_A;
    heur.set_desc(CUDNN_ATTR_ENGINEHEUR_OPERATION_GRAPH, g).set(CUDNN_ATTR_ENGINEHEUR_MODE, CUDNN_TYPE_HEUR_MODE, &mode).finalize();
    int64_t count = 0;
    MPSBENCH_CHECK(cudnnBackendGetAttribute(heur.get(), CUDNN_ATTR_ENGINEHEUR_RESULTS, CUDNN_TYPE_BACKEND_DESCRIPTOR, 0,
                                            &count, nullptr));
    std::vector<GraphDesc> cfgs;
    std::vector<cudnnBackendDescriptor_t> raw;
    for (int64_t i = 0; i < count; ++i) {
      cfgs.emplace_back(CUDNN_BACKEND_ENGINECFG_DESCRIPTOR);
      raw.push_back(cfgs.back().get());
    }
    int64_t returned = 0;
    if (count > 0) {
      MPSBENCH_CHECK(cudnnBackendGetAttribute(heur.get(), CUDNN_ATTR_ENGINEHEUR_RESULTS, CUDNN_TYPE_BACKEND_DESCRIPTOR,
                                              count, &returned, raw.data()));
    }
    const size_t ws_cap = free_memory() / 2;
    int timed = 0;
    for (int64_t i = 0; i < returned && timed < kGraphCandidates; ++i) {
      GraphCandidate c;
      if (!allowed_engine(raw[size_t(i)], c.engine, c.notes)) continue;
      c.plan = GraphDesc(CUDNN_BACKEND_EXECUTION_PLAN_DESCRIPTOR);
      c.plan.set(CUDNN_ATTR_EXECUTION_PLAN_HANDLE, CUDNN_TYPE_HANDLE, &ctx_.dnn)
          .set(CUDNN_ATTR_EXECUTION_PLAN_ENGINE_CONFIG, CUDNN_TYPE_BACKEND_DESCRIPTOR, &raw[size_t(i)]);
      if (cudnnBackendFinalize(c.plan.get()) != CUDNN_STATUS_SUCCESS) continue;  // engine can't run this case
      int64_t ws_bytes = 0, n = 0;
      MPSBENCH_CHECK(cudnnBackendGetAttribute(c.plan.get(), CUDNN_ATTR_EXECUTION_PLAN_WORKSPACE_SIZE, CUDNN_TYPE_INT64, 1,
                                              &n, &ws_bytes));
      if (size_t(ws_bytes) > ws_cap) continue;
      c.ws = DeviceBuffer(size_t(ws_bytes));
      void* ptrs[3] = {x_.get(), w_.get(), y_.get()};
      const int64_t uids[3] = {1, 2, 3};
      void* ws_ptr = c.ws.get();
      c.pack = GraphDesc(CUDNN_BACKEND_VARIANT_PACK_DESCRIPTOR);
      c.pack.set(CUDNN_ATTR_VARIANT_PACK_DATA_POINTERS, CUDNN_TYPE_VOID_PTR, ptrs, 3)
          .set(CUDNN_ATTR_VARIANT_PACK_UNIQUE_IDS, CUDNN_TYPE_INT64, uids, 3)
          .set(CUDNN_ATTR_VARIANT_PACK_WORKSPACE, CUDNN_TYPE_VOID_PTR, &ws_ptr)
          .finalize();
      ++timed;
      try {
        c.ms = time_ms([&] { MPSBENCH_CHECK(cudnnBackendExecute(ctx_.dnn, c.plan.get(), c.pack.get())); });
      } catch (const BackendError& e) {  // this engine failed at execution: record it, try the next
        candidates_.push(Json::object().set("api", "graph").set("engine", c.engine).set("error", e.what()));
        continue;
      }
      candidates_.push(Json::object()
                           .set("api", "graph")
                           .set("engine", c.engine)
                           .set("ms", double(c.ms))
                           .set("notes", c.notes)
                           .set("workspace_bytes", ws_bytes));
      if (!best.plan.get() || c.ms < best.ms) best = std::move(c);
    }
    return best;
  }

  void choose() {
    cudnnConvolutionFwdAlgo_t algo = CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM;
    cudnnMathType_t math = requested_math_;
    DeviceBuffer legacy_ws;
    float legacy_ms = -1;
    if (legacy_best(algo, math, legacy_ws)) {
      algo_ = algo;
      math_ = math;
      workspace_ = std::move(legacy_ws);
      legacy_ms = time_ms([&] {
        const float alpha = 1.0f, beta = 0.0f;
        MPSBENCH_CHECK(cudnnConvolutionForward(ctx_.dnn, &alpha, x_desc_.get(), x_.get(), w_desc_.get(), w_.get(),
                                               conv_.get(), algo_, workspace_.get(), workspace_.bytes(), &beta,
                                               y_desc_.get(), y_.get()));
      });
      candidates_.push(Json::object()
                           .set("api", "legacy")
                           .set("algo", algo_name(algo_))
                           .set("ms", double(legacy_ms))
                           .set("math", math_name(math_))
                           .set("workspace_bytes", int64_t(workspace_.bytes())));
    }
    GraphCandidate g = graph_best();
    if (g.plan.get() && (legacy_ms < 0 || g.ms < legacy_ms)) {
      plan_ = std::move(g.plan);
      pack_ = std::move(g.pack);
      workspace_ = std::move(g.ws);
      notes_text_ = g.notes;
      algo_text_ = "cudnnBackendExecute, graph engine " + std::to_string(g.engine) + " (heuristics mode A)";
      return;
    }
    if (legacy_ms < 0) {
      throw BackendError(ErrorKind::Unsupported,
                         "cuDNN has no allowed forward algorithm or engine for this convolution in " + dtype_name(d_));
    }
    algo_text_ = std::string("cudnnConvolutionForward ") + algo_name(algo_);
  }
};

#endif  // MPSBENCH_CUDNN

// ---- The backend ---------------------------------------------------------------------------------

std::string version_string(int v) {  // CUDA's 1000·major + 10·minor
  return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10);
}

int device_attribute(cudaDeviceAttr attr, int device) {
  int v = 0;
  return cudaDeviceGetAttribute(&v, attr, device) == cudaSuccess ? v : 0;
}

/// MPSBENCH_THREADS must be a positive integer when set (protocol.md §5); the GPU backend computes
/// with one host thread whatever it says.
void check_threads_env() {
  const char* v = std::getenv("MPSBENCH_THREADS");
  if (!v) return;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  if (*v == '\0' || *end != '\0' || n <= 0) {
    throw BackendError(ErrorKind::Invalid, std::string("MPSBENCH_THREADS must be a positive integer, got \"") + v + "\"");
  }
}

class CudaBackend : public KernelBackend {
 public:
  CudaBackend() {
    check_threads_env();
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess || count == 0) {
      throw BackendError(ErrorKind::Unsupported, std::string("no usable CUDA device: ") +
                                                     (e != cudaSuccess ? cudaGetErrorString(e) : "none found"));
    }
    MPSBENCH_CHECK(cudaSetDevice(0));
    MPSBENCH_CHECK(cudaFree(nullptr));  // creates the context now, not inside the first case
    MPSBENCH_CHECK(cudaStreamCreateWithFlags(&ctx_.stream, cudaStreamNonBlocking));
    MPSBENCH_CHECK(cudaEventCreate(&start_));
    MPSBENCH_CHECK(cudaEventCreate(&stop_));
    MPSBENCH_CHECK(cublasCreate(&ctx_.blas));
    MPSBENCH_CHECK(cublasSetStream(ctx_.blas, ctx_.stream));
    ctx_.blas_workspace = DeviceBuffer(kBlasWorkspace);
    MPSBENCH_CHECK(cublasSetWorkspace(ctx_.blas, ctx_.blas_workspace.get(), ctx_.blas_workspace.bytes()));
  }

  ~CudaBackend() override {
    kernel_.reset();
#ifdef MPSBENCH_CUDNN
    if (ctx_.dnn) cudnnDestroy(ctx_.dnn);
#endif
    if (ctx_.blas) cublasDestroy(ctx_.blas);
    if (start_) cudaEventDestroy(start_);
    if (stop_) cudaEventDestroy(stop_);
    ctx_.blas_workspace = DeviceBuffer();
    if (ctx_.stream) cudaStreamDestroy(ctx_.stream);
  }

  BackendInfo info() override {
    cudaDeviceProp prop{};
    MPSBENCH_CHECK(cudaGetDeviceProperties(&prop, 0));
    size_t free_bytes = 0, total_bytes = 0;
    MPSBENCH_CHECK(cudaMemGetInfo(&free_bytes, &total_bytes));
    int driver = 0, runtime = 0;
    MPSBENCH_CHECK(cudaDriverGetVersion(&driver));
    MPSBENCH_CHECK(cudaRuntimeGetVersion(&runtime));
    int major = 0, minor = 0, patch = 0;
    MPSBENCH_CHECK(cublasGetProperty(MAJOR_VERSION, &major));
    MPSBENCH_CHECK(cublasGetProperty(MINOR_VERSION, &minor));
    MPSBENCH_CHECK(cublasGetProperty(PATCH_LEVEL, &patch));
    const std::string cublas = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);

    BackendInfo info;
    info.backend = "cuda";
    info.runner_name = "mpsbench-runner-cuda";
    info.device = DeviceInfo{prop.name, "gpu", int64_t(total_bytes), int64_t(prop.multiProcessorCount), 1};
    info.libraries.set("cuda_runtime", version_string(runtime))
        .set("cuda_driver", version_string(driver))
        .set("cublas", "cuBLAS " + cublas);
    info.timer = "gpu";
    const std::vector<DType> all{DType::F32, DType::TF32, DType::F16, DType::BF16};
    info.workloads = {{Workload::Matmul, all}, {Workload::Train, all}};
    Json& x = info.info;
    x.set("gpu", prop.name)
        .set("compute_capability", std::to_string(prop.major) + "." + std::to_string(prop.minor))
        .set("sm_count", prop.multiProcessorCount)
        .set("memory_bytes", int64_t(total_bytes))
        .set("memory_free_bytes", int64_t(free_bytes))
        .set("l2_bytes", prop.l2CacheSize)
        .set("memory_bus_bits", device_attribute(cudaDevAttrGlobalMemoryBusWidth, 0))
        .set("sm_clock_max_mhz", device_attribute(cudaDevAttrClockRate, 0) / 1000)
        .set("memory_clock_max_mhz", device_attribute(cudaDevAttrMemoryClockRate, 0) / 1000)
        .set("pci_bus_id", prop.pciBusID)
        .set("cuda_driver", version_string(driver))
        .set("cuda_runtime", version_string(runtime))
        .set("cublas", cublas)
        .set("cublas_workspace_bytes", int64_t(kBlasWorkspace))
        .set("timer", "CUDA events around each batch of iterations on one non-blocking stream");
    if (const char* tf32 = std::getenv("NVIDIA_TF32_OVERRIDE")) x.set("NVIDIA_TF32_OVERRIDE", tf32);
#ifdef MPSBENCH_CUDNN
    const size_t v = cudnnGetVersion();
    const size_t dnn_major = v >= 90000 ? v / 10000 : v / 1000, rest = v >= 90000 ? v % 10000 : v % 1000;
    const std::string cudnn = std::to_string(dnn_major) + "." + std::to_string(rest / 100) + "." + std::to_string(rest % 100);
    info.libraries.set("cudnn", "cuDNN " + cudnn);
    x.set("cudnn", cudnn).set("cudnn_headers",
                              std::to_string(CUDNN_MAJOR) + "." + std::to_string(CUDNN_MINOR) + "." +
                                  std::to_string(CUDNN_PATCHLEVEL));
    info.workloads.push_back({Workload::Conv2d, all});
#else
    info.libraries.set("cudnn", "not built in");
    x.set("conv2d", "unsupported: " MPSBENCH_NO_CUDNN_REASON);
#endif
    return info;
  }

  void prepare(const CaseSpec& spec, const CaseInputs& in) override {
    switch (spec.workload) {
      case Workload::Matmul: kernel_ = std::make_unique<Matmul>(ctx_, spec.dtype, spec.matmul, in); break;
      case Workload::Train: kernel_ = std::make_unique<Mlp>(ctx_, spec.dtype, spec.train, in); break;
      case Workload::Conv2d:
#ifdef MPSBENCH_CUDNN
        if (!ctx_.dnn) {
          MPSBENCH_CHECK(cudnnCreate(&ctx_.dnn));
          MPSBENCH_CHECK(cudnnSetStream(ctx_.dnn, ctx_.stream));
        }
        kernel_ = std::make_unique<Conv2d>(ctx_, spec.dtype, spec.conv, in);
        break;
#else
        throw BackendError(ErrorKind::Unsupported, "conv2d: " MPSBENCH_NO_CUDNN_REASON);
#endif
    }
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
  }

  std::optional<double> run_batch(int64_t iters) override {
    Kernel& k = kernel();
    MPSBENCH_CHECK(cudaEventRecord(start_, ctx_.stream));
    for (int64_t i = 0; i < iters; ++i) k.run();
    MPSBENCH_CHECK(cudaEventRecord(stop_, ctx_.stream));
    MPSBENCH_CHECK(cudaEventSynchronize(stop_));
    MPSBENCH_CHECK(cudaGetLastError());
    float ms = 0;
    MPSBENCH_CHECK(cudaEventElapsedTime(&ms, start_, stop_));
    return double(ms) * 1e6;
  }

  void release() noexcept override {
    cudaStreamSynchronize(ctx_.stream);  // no kernel may still use the buffers being freed
    KernelBackend::release();
  }

 private:
  Context ctx_;
  cudaEvent_t start_ = nullptr, stop_ = nullptr;
};

}  // namespace
}  // namespace mpsbench::cuda

int main() {
  try {
    return mpsbench::runner_main(std::make_unique<mpsbench::cuda::CudaBackend>());
  } catch (const mpsbench::BackendError& e) {
    std::cerr << "mpsbench-runner-cuda: " << e.what() << "\n";
    return 2;
  }
}
