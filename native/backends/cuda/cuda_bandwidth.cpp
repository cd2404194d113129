// The CUDA backend's bandwidth workload: STREAM copy through a 16-byte-vector copy kernel, triad
// through an element-wise kernel (cuda_stream_kernels.cu), over device arrays of the case's dtype.
#include <cmath>

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
        dst_(src_.bytes()), sms_(sm_count()) {}

  void run() override {
    if (!s_.triad) {
      MPSBENCH_CHECK(launch_copy(dst_.get(), src_.get(), int64_t(src_.bytes()), sms_, ctx_.stream));
      return;
    }
    MPSBENCH_CHECK(launch_triad(storage_of(d_), dst_.get(), src_.get(), c_.get(), float(kTriadScalar), s_.elements,
                                sms_, ctx_.stream));
  }
  std::vector<float> output() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    return download(dst_, size_t(s_.elements), d_);
  }
  int64_t mem_bytes() const override { return int64_t(src_.bytes() + c_.bytes() + dst_.bytes()); }
  Json info() const override {
    return Json::object()
        .set("algo", s_.triad ? "triad kernel (f32 fma)" : "copy kernel (16-byte vectors, grid-stride)")
        .set("sms", int64_t(sms_));
  }

 private:
  const Context& ctx_;
  DType d_;
  BandwidthSpec s_;
  DeviceBuffer src_, c_, dst_;
  int sms_;
};

}  // namespace

std::unique_ptr<Kernel> make_bandwidth(const Context& ctx, DType d, const BandwidthSpec& spec, const CaseInputs& in) {
  return std::make_unique<Bandwidth>(ctx, d, spec, in);
}

}  // namespace mpsbench::cuda
