// The CUDA backend's bandwidth workload over device arrays of the case's dtype. Copy: two
// candidates timed in prepare (CUDA events, 3 warm-up and 10 timed calls each), the faster kept:
// the copy kernel (16-byte vectors with streaming cache hints, 4 in flight per thread, one full
// wave of blocks: SM count × blocks per SM) and cudaMemcpyAsync device-to-device (what PyTorch's
// Tensor.copy_ issues). Triad: the vectorised triad kernel (cuda_stream_kernels.cu). The run
// reply's info names the path that ran and both candidates' times.
#include <cmath>
#include <utility>

#include "cuda_kernel.h"
#include "cuda_stream_kernels.h"

namespace mpsbench::cuda {
namespace {

int sm_count() {
  int device = 0, sms = 0;
  MPSBENCH_CHECK(cudaGetDevice(&device));
  MPSBENCH_CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device));
  return sms;
}

class Bandwidth : public Kernel {
 public:
  Bandwidth(const Context& ctx, DType d, const BandwidthSpec& s, const CaseInputs& in)
      : ctx_(ctx), d_(d), s_(s), src_(upload(in.a, d)), c_(s.triad ? upload(in.b, d) : DeviceBuffer()),
        dst_(src_.bytes()), sms_(sm_count()),
        grid_(s.triad ? triad_grid(storage_of(d), s.elements, sms_) : copy_grid(int64_t(src_.bytes()), sms_)) {
    if (s_.triad) return;
    use_memcpy_ = false;
    kernel_ms_ = time_ms();
    use_memcpy_ = true;
    memcpy_ms_ = time_ms();
    use_memcpy_ = memcpy_ms_ < kernel_ms_;
  }

  void run() override {
    if (s_.triad) {
      MPSBENCH_CHECK(launch_triad(storage_of(d_), dst_.get(), src_.get(), c_.get(), float(kTriadScalar), s_.elements,
                                  grid_, ctx_.stream));
    } else if (use_memcpy_) {
      MPSBENCH_CHECK(cudaMemcpyAsync(dst_.get(), src_.get(), src_.bytes(), cudaMemcpyDeviceToDevice, ctx_.stream));
    } else {
      MPSBENCH_CHECK(launch_copy(dst_.get(), src_.get(), int64_t(src_.bytes()), grid_, ctx_.stream));
    }
  }
  std::vector<float> output() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    return download(dst_, size_t(s_.elements), d_);
  }
  int64_t mem_bytes() const override { return int64_t(src_.bytes() + c_.bytes() + dst_.bytes()); }
  Json info() const override {
    Json j = Json::object().set("sms", int64_t(sms_)).set("grid_blocks", int64_t(grid_)).set("block_threads", 256);
    if (s_.triad) {
      return j.set("path", "triad-kernel").set("algo", "triad kernel (16-byte vectors, streaming hints, f32 fma)");
    }
    const double bytes = 2.0 * double(src_.bytes());
    return j.set("path", use_memcpy_ ? "cudaMemcpyAsync" : "copy-kernel")
        .set("algo", use_memcpy_ ? "cudaMemcpyAsync device-to-device (faster in prepare)"
                                 : "copy kernel (16-byte vectors, streaming hints, 4 in flight; faster in prepare)")
        .set("selection", "fastest by CUDA events (3 warm-up, 10 timed calls) of: copy kernel, cudaMemcpyAsync D2D")
        .set("candidates", candidates(bytes));
  }

 private:
  const Context& ctx_;
  DType d_;
  BandwidthSpec s_;
  DeviceBuffer src_, c_, dst_;
  int sms_;
  unsigned grid_;
  bool use_memcpy_ = false;
  float kernel_ms_ = -1, memcpy_ms_ = -1;

  Json candidates(double bytes) const {
    Json list = Json::array();
    using Candidate = std::pair<const char*, float>;
    for (const auto& [name, ms] : {Candidate{"copy-kernel", kernel_ms_}, Candidate{"cudaMemcpyAsync", memcpy_ms_}}) {
      list.push(Json::object().set("path", name).set("ms", double(ms)).set("tb_per_s", bytes / (double(ms) * 1e9)));
    }
    return list;
  }

  /// Mean ms of one run() over 10 calls after 3 warm-up calls (CUDA events on the case's stream).
  float time_ms() {
    cudaEvent_t a = nullptr, b = nullptr;
    MPSBENCH_CHECK(cudaEventCreate(&a));
    MPSBENCH_CHECK(cudaEventCreate(&b));
    float ms = -1;
    try {
      for (int i = 0; i < 3; ++i) run();
      MPSBENCH_CHECK(cudaEventRecord(a, ctx_.stream));
      for (int i = 0; i < 10; ++i) run();
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
};

}  // namespace

std::unique_ptr<Kernel> make_bandwidth(const Context& ctx, DType d, const BandwidthSpec& spec, const CaseInputs& in) {
  return std::make_unique<Bandwidth>(ctx, d, spec, in);
}

}  // namespace mpsbench::cuda
