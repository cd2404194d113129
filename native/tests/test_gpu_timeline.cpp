// The MPS backend's timer bookkeeping over several command buffers: which roots received work (a
// root left empty by a final commitAndContinue does not stretch the span), span versus busy time
// when the GPU idled between roots, and a root without times failing the batch instead of
// shortening it.
#include "check.h"
#include "gpu_timeline.h"

using namespace mpsbench::mps;

namespace {

int buffers[3];  // distinct addresses stand in for command buffers
const void* const a = &buffers[0];
const void* const b = &buffers[1];
const void* const c = &buffers[2];

}  // namespace

TEST_SUITE(gpu_timeline) {
  {  // one root for the whole batch
    RootLog log;
    for (int i = 0; i < 3; ++i) {
      log.before_encode(a);
      log.after_encode(a);
    }
    CHECK_EQ(log.roots().size(), size_t(1));
    CHECK(log.roots()[0].encoded);
    log.roots()[0].gpu_start_s = 10.0;
    log.roots()[0].gpu_end_s = 10.002;
    const GpuBatchTime t = summarize_batch(log.roots());
    CHECK(t.error.empty());
    CHECK_NEAR(t.span_ns, 2e6, 1);
    CHECK_NEAR(t.busy_ns, 2e6, 1);
    CHECK_EQ(t.buffers, int64_t(1));
  }
  {  // commitAndContinue during encode 2 (a → b), and at the end of the last encode (b → c, empty)
    RootLog log;
    log.before_encode(a);
    log.after_encode(a);
    log.before_encode(a);
    log.after_encode(b);
    log.before_encode(b);
    log.after_encode(c);
    auto& r = log.roots();
    CHECK_EQ(r.size(), size_t(3));
    CHECK(r[0].encoded && r[1].encoded && !r[2].encoded);
    r[0].gpu_start_s = 1.000, r[0].gpu_end_s = 1.003;  // 3 ms
    r[1].gpu_start_s = 1.005, r[1].gpu_end_s = 1.006;  // 1 ms after a 2 ms idle gap
    r[2].gpu_start_s = 1.050, r[2].gpu_end_s = 1.0500001;  // the empty root, scheduled late
    const GpuBatchTime t = summarize_batch(r);
    CHECK(t.error.empty());
    CHECK_NEAR(t.span_ns, 6e6, 1);  // not stretched to 1.05 by the empty root
    CHECK_NEAR(t.busy_ns, 4e6, 1);  // the idle gap is in the span only
    CHECK_EQ(t.buffers, int64_t(3));
    CHECK_EQ(t.encoded, int64_t(2));
  }
  {  // roots reported out of order still give first start to last end
    std::vector<CommandBufferRecord> r{{a, true, 2.0, 2.5}, {b, true, 1.0, 1.5}};
    const GpuBatchTime t = summarize_batch(r);
    CHECK_NEAR(t.span_ns, 1.5e9, 1);
    CHECK_NEAR(t.busy_ns, 1.0e9, 1);
  }
  {  // an encoded root with zero timestamps (the paravirtual GPU may do this): no time at all
    std::vector<CommandBufferRecord> r{{a, true, 1.0, 1.1}, {b, true, 0, 0}};
    const GpuBatchTime t = summarize_batch(r);
    CHECK(!t.error.empty());
    CHECK(t.error.find("command buffer 2") != std::string::npos);
  }
  {  // nothing encoded
    std::vector<CommandBufferRecord> r{{a, false, 1.0, 1.1}};
    CHECK(!summarize_batch(r).error.empty());
    CHECK(!summarize_batch({}).error.empty());
  }
}
