// STREAM copy and triad over f32 arrays, split into contiguous chunks over the backend's threads
// (the harness's MPSBENCH_THREADS), so the measured figure is the machine's, not one core's.
#include <algorithm>
#include <cstring>
#include <thread>

#include "cpu_kernel.h"

namespace mpsbench::cpu {
namespace {

class Bandwidth : public Kernel {
 public:
  Bandwidth(const BandwidthSpec& s, const CaseInputs& in, int64_t threads)
      : s_(s), src_(in.a), c_(in.b), dst_(in.a.size()), threads_(std::max<int64_t>(threads, 1)) {}

  void run() override {
    if (threads_ == 1) return chunk(0, s_.elements);
    std::vector<std::thread> pool;
    const int64_t per = (s_.elements + threads_ - 1) / threads_;
    for (int64_t t = 0; t < threads_; ++t) {
      const int64_t lo = std::min(t * per, s_.elements), hi = std::min(lo + per, s_.elements);
      pool.emplace_back([this, lo, hi] { chunk(lo, hi); });
    }
    for (auto& th : pool) th.join();
  }

  std::vector<float> output() const override { return dst_; }
  int64_t mem_bytes() const override { return bytes_of(src_) + bytes_of(c_) + bytes_of(dst_); }
  Json info() const override {
    return Json::object().set("algo", s_.triad ? "triad loop" : "memcpy").set("threads", threads_);
  }

 private:
  BandwidthSpec s_;
  std::vector<float> src_, c_, dst_;
  int64_t threads_;

  /// Elements [lo, hi): dst = src (copy) or dst = src + 3·c (triad).
  void chunk(int64_t lo, int64_t hi) {
    if (hi <= lo) return;
    if (!s_.triad) {
      std::memcpy(dst_.data() + lo, src_.data() + lo, size_t(hi - lo) * sizeof(float));
      return;
    }
    const float* b = src_.data();
    const float* c = c_.data();
    float* a = dst_.data();
    const auto scalar = float(kTriadScalar);
    for (int64_t i = lo; i < hi; ++i) a[i] = b[i] + scalar * c[i];
  }
};

}  // namespace

std::unique_ptr<Kernel> make_bandwidth(const BandwidthSpec& spec, const CaseInputs& in, int64_t threads) {
  return std::make_unique<Bandwidth>(spec, in, threads);
}

}  // namespace mpsbench::cpu
