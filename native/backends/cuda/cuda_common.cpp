// Status checks, transfers, the context and row-major GEMMs of the CUDA backend (see cuda_common.h).
#include "cuda_common.h"

namespace mpsbench::cuda {
namespace {

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

}  // namespace

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

Storage storage_of(DType d) {
  switch (d) {
    case DType::F16: return Storage::F16;
    case DType::BF16: return Storage::BF16;
    case DType::F32:
    case DType::TF32: return Storage::F32;
  }
  return Storage::F32;
}

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

std::string blas_math(DType d) {
  switch (d) {
    case DType::F32: return "f32 FMA, no tensor cores (CUDA_R_32F, CUBLAS_COMPUTE_32F, CUBLAS_DEFAULT_MATH)";
    case DType::TF32: return "TF32 tensor cores, f32 storage and accumulation (CUBLAS_COMPUTE_32F_FAST_TF32)";
    case DType::F16: return "f16 tensor cores, f32 accumulation (CUDA_R_16F, CUBLAS_COMPUTE_32F)";
    case DType::BF16: return "bf16 tensor cores, f32 accumulation (CUDA_R_16BF, CUBLAS_COMPUTE_32F)";
  }
  return "";
}

Context::~Context() {
  dnn.reset();
  if (blas) cublasDestroy(blas);
  blas_workspace = DeviceBuffer();
  if (stream) cudaStreamDestroy(stream);
}

void RowMajorGemm::run(const Context& ctx, DType d, float alpha, const void* a, const void* b, float beta,
                       void* c) const {
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

}  // namespace mpsbench::cuda
