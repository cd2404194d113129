// STREAM copy and triad over f32 arrays, split into contiguous chunks over the backend's threads
// (the harness's MPSBENCH_THREADS), so the measured figure is the machine's, not one core's.
//
// The arrays are allocated like numpy allocates its large arrays (numpy >= 1.21, alloc.c): on Linux
// an array of 4 MiB or more is advised MADV_HUGEPAGE, so that with transparent huge pages in the
// `madvise` mode (the Debian/Ubuntu default) it is backed by 2 MiB pages. A std::vector gets 4 KiB
// pages there, and a streaming copy of them takes a TLB miss (a two-level walk in a VM) every 4 KiB.
// Both arrays are 2 MiB-aligned and written in the constructor (first touch, outside the timed region).
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <thread>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "cpu_kernel.h"

namespace mpsbench::cpu {
namespace {

/// A float array on 2 MiB-aligned memory, advised to huge pages where the OS has them.
class PageArray {
 public:
  static constexpr size_t kAlign = size_t(2) << 20;

  explicit PageArray(size_t n) : n_(n) {
    if (n == 0) return;
    const size_t bytes = n * sizeof(float);
    void* p = nullptr;
    if (posix_memalign(&p, kAlign, bytes) != 0) throw std::bad_alloc();
    data_ = static_cast<float*>(p);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // numpy's threshold (4 MiB); advice only: a refusal leaves 4 KiB pages, and info() says so.
    if (bytes >= (size_t(4) << 20)) huge_ = madvise(p, bytes, MADV_HUGEPAGE) == 0;
#endif
  }
  ~PageArray() { std::free(data_); }
  PageArray(const PageArray&) = delete;
  PageArray& operator=(const PageArray&) = delete;

  float* data() { return data_; }
  const float* data() const { return data_; }
  size_t size() const { return n_; }
  int64_t bytes() const { return int64_t(n_ * sizeof(float)); }
  /// Whether the OS took the MADV_HUGEPAGE advice.
  bool huge() const { return huge_; }

 private:
  size_t n_;
  float* data_ = nullptr;
  bool huge_ = false;
};

class Bandwidth : public Kernel {
 public:
  Bandwidth(const BandwidthSpec& s, const CaseInputs& in, int64_t threads)
      : s_(s), src_(in.a.size()), c_(in.b.size()), dst_(in.a.size()), threads_(std::max<int64_t>(threads, 1)) {
    // Every page is touched here, so no page fault lands in the timed region.
    std::copy(in.a.begin(), in.a.end(), src_.data());
    std::copy(in.b.begin(), in.b.end(), c_.data());
    std::fill(dst_.data(), dst_.data() + dst_.size(), 0.0f);
  }

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

  std::vector<float> output() const override { return {dst_.data(), dst_.data() + dst_.size()}; }
  int64_t mem_bytes() const override { return src_.bytes() + c_.bytes() + dst_.bytes(); }
  Json info() const override {
    return Json::object()
        .set("algo", s_.triad ? "triad loop" : "memcpy")
        .set("threads", threads_)
        .set("pages", src_.huge() && dst_.huge() ? "MADV_HUGEPAGE, 2 MiB-aligned" : "default, 2 MiB-aligned");
  }

 private:
  BandwidthSpec s_;
  PageArray src_, c_, dst_;
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
