// What every part of the CUDA backend shares: status checks, device buffers and transfers, the
// per-backend context (stream, library handles) and row-major GEMMs through cuBLAS.
//
// Row-major operands reach column-major cuBLAS by swapping them: C = A·B in row-major is
// Cᵀ = Bᵀ·Aᵀ in column-major, and a row-major matrix read as column-major is its transpose.
#pragma once

#include <cublas_v2.h>
#include <cuda_runtime_api.h>
#include <library_types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cuda_kernels.h"
#include "mpsbench/dtype.h"
#include "mpsbench/error.h"

namespace mpsbench::cuda {

/// Throws BackendError (oom for cudaErrorMemoryAllocation, else internal) unless `e` is success;
/// clears a non-sticky error first so that the runner stays usable.
void check(cudaError_t e, const char* what);
/// Throws BackendError (oom, unsupported or internal by status) unless `s` is success.
void check(cublasStatus_t s, const char* what);

/// Every CUDA, cuBLAS and cuDNN call goes through this: a failure names the call.
#define MPSBENCH_CHECK(call) check((call), #call)

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

/// The element type a dtype is stored as on the device.
Storage storage_of(DType d);

/// `values` (already representable in `d`: the harness rounded them) stored on the device as `d`.
DeviceBuffer upload(const std::vector<float>& values, DType d);

/// The first `count` elements of a device tensor of dtype `d`, as float (exact).
std::vector<float> download(const DeviceBuffer& buf, size_t count, DType d);

/// cuBLAS workspace, as PyTorch gives it on Hopper (CUBLAS_WORKSPACE_CONFIG :4096:8), so both
/// libraries see the same kernel choices.
constexpr size_t kBlasWorkspace = size_t(32) << 20;

/// What the GEMMs of dtype `d` compute with, for the run reply's info.
std::string blas_math(DType d);

/// Everything a prepared case runs on: the stream, the library handles and the cuBLAS workspace.
/// The backend creates them; the destructor frees them (the cuDNN handle first, the stream last).
struct Context {
  Context() = default;
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  cudaStream_t stream = nullptr;
  cublasHandle_t blas = nullptr;
  DeviceBuffer blas_workspace;
  /// The cuDNN handle (a cudnnHandle_t with its destroyer), created by the first conv2d or attention
  /// case when the build has cuDNN (dnn_handle); type-erased so that only the cuDNN sources include cudnn.h.
  std::shared_ptr<void> dnn;
};

/// Row-major C[b] = alpha·op(A[b])·op(B[b]) + beta·C[b] (M×N, inner K), `batch` matrices `stride_*`
/// elements apart, through cublasGemmEx / cublasGemmStridedBatchedEx with the operands swapped.
struct RowMajorGemm {
  bool trans_a = false, trans_b = false;
  int64_t m = 0, n = 0, k = 0, lda = 0, ldb = 0, ldc = 0;
  int64_t batch = 1, stride_a = 0, stride_b = 0, stride_c = 0;

  /// Enqueues the GEMM on ctx.stream; a, b, c are device pointers of dtype `d`.
  void run(const Context& ctx, DType d, float alpha, const void* a, const void* b, float beta, void* c) const;
};

/// The plain row-major GEMM: A [M][K] (or [K][M] when trans_a), B [K][N] (or [N][K]), C [M][N].
RowMajorGemm row_major(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k);

}  // namespace mpsbench::cuda
