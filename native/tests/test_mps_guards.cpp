// The MPS backend's guards for MPSGraph bugs, decided from the case and the device: the K split on
// Apple7/8 (chunks cover [0, K) exactly, none longer than 32768), the per-batch split of f16/bf16
// products on Apple10, and the conv2d limits before macOS 15.1 and the NHWC rewrite before macOS 15.
#include "check.h"
#include "mps_guards.h"
#include "mpsbench/error.h"

using namespace mpsbench;
using namespace mpsbench::mps;

namespace {

/// True when `spans` tile [0, total) in order with no span longer than `limit` or empty.
bool tiles(const std::vector<Span>& spans, int64_t total, int64_t limit) {
  int64_t next = 0;
  for (const Span& s : spans) {
    if (s.start != next || s.length < 1 || s.length > limit) return false;
    next += s.length;
  }
  return next == total;
}

MatmulSpec mm(int64_t m, int64_t n, int64_t k, int64_t batch = 1) {
  MatmulSpec s;
  s.m = m, s.n = n, s.k = k, s.batch = batch;
  return s;
}

bool unsupported(const std::function<void()>& f, const std::string& mentions) {
  try {
    f();
  } catch (const BackendError& e) {
    return e.kind() == ErrorKind::Unsupported && std::string(e.what()).find(mentions) != std::string::npos;
  }
  return false;
}

}  // namespace

TEST_SUITE(mps_guards) {
  // split_even: exact tiling, balanced, for every total around the limit.
  for (int64_t total : {1, 2, 7, 32767, 32768, 32769, 65536, 65537, 100000, 1 << 20}) {
    const std::vector<Span> s = split_even(total, kMaxInnerApple7to8);
    CHECK(tiles(s, total, kMaxInnerApple7to8));
    CHECK_EQ(s.size(), size_t((total + kMaxInnerApple7to8 - 1) / kMaxInnerApple7to8));
    CHECK(s.front().length - s.back().length <= 1);
  }
  const std::vector<Span> two = split_even(32769, 32768);
  CHECK_EQ(two.size(), size_t(2));
  CHECK_EQ(two[0].length, int64_t(16385));
  CHECK_EQ(two[1].start, int64_t(16385));

  const DeviceFacts m1{7, {14, 5, 0}}, m2{8, {15, 1, 0}}, m3{9, {14, 0, 0}}, m5{10, {26, 0, 0}}, unknown{0, {15, 0, 0}};
  CHECK_EQ(inner_chunks(m1, 32768).size(), size_t(1));
  CHECK_EQ(inner_chunks(m1, 32769).size(), size_t(2));
  CHECK_EQ(inner_chunks(m2, 100000).size(), size_t(4));
  CHECK_EQ(inner_chunks(unknown, 40000).size(), size_t(2));  // unknown family: the safe side
  CHECK_EQ(inner_chunks(m3, 1 << 20).size(), size_t(1));     // Apple9+ is fine (pytorch#177116)
  CHECK_EQ(inner_chunks(m5, 1 << 20).size(), size_t(1));

  // Matmul plans.
  MatmulPlan p = plan_matmul(mm(64, 64, 65536), DType::F32, m1);
  CHECK_EQ(p.k_chunks.size(), size_t(2));
  CHECK(!p.per_batch);
  CHECK(p.note.find("pytorch#177116") != std::string::npos);
  CHECK(plan_matmul(mm(64, 64, 4096), DType::F32, m1).note.empty());
  p = plan_matmul(mm(128, 128, 64, 64), DType::F16, m5);
  CHECK(p.per_batch);
  CHECK(p.note.find("pytorch#180776") != std::string::npos);
  CHECK(plan_matmul(mm(128, 128, 64, 64), DType::BF16, m5).per_batch);
  CHECK(!plan_matmul(mm(128, 128, 64, 64), DType::F32, m5).per_batch);  // f32 is not affected
  CHECK(!plan_matmul(mm(128, 128, 64, 1), DType::F16, m5).per_batch);   // 2-D already
  CHECK(!plan_matmul(mm(128, 128, 64, 64), DType::F16, m3).per_batch);  // M3/M4 are not affected
  CHECK(plan_matmul(mm(8, 8, 8, kMaxSplitBatches), DType::F16, m5).per_batch);
  CHECK(unsupported([&] { plan_matmul(mm(8, 8, 8, kMaxSplitBatches + 1), DType::F16, m5); }, "pytorch#180776"));

  // Conv plans.
  ConvSpec c;
  c.n = 1, c.c = 3, c.h = 8, c.w = 8, c.k = 70000, c.r = 3, c.s = 3, c.pad = 1;
  CHECK(unsupported([&] { plan_conv(c, DeviceFacts{9, {15, 0, 0}}); }, "K = 70000 > 65536"));
  CHECK(plan_conv(c, DeviceFacts{9, {15, 1, 0}}).note.empty());  // 15.1 lifted the limit
  c.k = 65536;
  CHECK(plan_conv(c, DeviceFacts{9, {14, 0, 0}}).note.empty());
  c.k = 16, c.n = 65537;
  CHECK(unsupported([&] { plan_conv(c, DeviceFacts{8, {13, 5, 0}}); }, "N = 65537"));
  c.n = 2, c.nhwc = true;
  ConvPlan cp = plan_conv(c, DeviceFacts{9, {14, 6, 0}});
  CHECK(cp.nhwc_as_nchw);
  CHECK(cp.note.find("pytorch#162776") != std::string::npos);
  CHECK(!plan_conv(c, DeviceFacts{9, {15, 0, 0}}).nhwc_as_nchw);
  c.nhwc = false;
  CHECK(!plan_conv(c, DeviceFacts{9, {14, 6, 0}}).nhwc_as_nchw);

  // Train: the note names the split when any matmul's K (a width or the batch) is too long.
  TrainSpec t;
  t.layers = {784, 256, 10};
  t.batch = 1024;
  CHECK(train_note(t, m1).empty());
  t.batch = 40000;
  CHECK(train_note(t, m1).find("pytorch#177116") != std::string::npos);
  CHECK(train_note(t, m3).empty());
}
