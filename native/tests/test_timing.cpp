// The timing loop of protocol.md §3 with a fake clock: calibration, the order-statistic stopping
// rule, warm-up and sampling bookkeeping, device timers.
#include "check.h"
#include "fake_backend.h"
#include "mpsbench/error.h"

using namespace mpsbench;
using namespace mpsbench::test;

namespace {

std::vector<double> range(int n) {
  std::vector<double> v;
  for (int i = n; i >= 1; --i) v.push_back(i);  // reversed: the rule must not rely on order
  return v;
}

TimingResult run(const Budget& budget, FakeScript script, TimingModel timing = TimingModel::Streamed,
                 int* syncs = nullptr) {
  FakeClock clock;
  FakeBackend backend(clock, std::move(script));
  TimingResult r = measure(
      budget,
      [&](int64_t n) {
        const std::optional<double> device = backend.run_batch(n);
        return BatchTimes(device, backend.host_encode_ns());
      },
      clock, timing, [&] { backend.synchronize(); });
  if (syncs) *syncs = backend.syncs;
  return r;
}

}  // namespace

TEST_SUITE(timing) {
  // Calibration.
  CHECK_EQ(calibrate_iters(0.002, 1e4), int64_t(200));
  CHECK_EQ(calibrate_iters(0.002, 3e4), int64_t(67));
  CHECK_EQ(calibrate_iters(0.002, 5e6), int64_t(1));
  CHECK_EQ(calibrate_iters(0.0, 5e6), int64_t(1));

  // Ranks for n = 10: floor(5 − 3.099) = 1, ceil(8.099) = 9; median 5.5; width v[9] − v[1] = 8.
  CHECK(median_ci_within(range(10), 8 / 5.5 + 1e-9));
  CHECK(!median_ci_within(range(10), 8 / 5.5 - 1e-9));
  // n = 100: ranks 40 and 60, width 20, median 50.5.
  CHECK(median_ci_within(range(100), 20 / 50.5 + 1e-9));
  CHECK(!median_ci_within(range(100), 20 / 50.5 - 1e-9));
  // n = 1: both ranks clamp to 0.
  CHECK(median_ci_within({5.0}, 0.01));
  CHECK(!median_ci_within({}, 0.01));
  CHECK(!median_ci_within(std::vector<double>(20, 7.0), 0.0));

  Budget b;
  CHECK_EQ(b.target_sample_s, 0.02);  // the default; the bookkeeping below uses 2 ms samples
  b.target_sample_s = 0.002;
  CHECK(!should_stop(b, std::vector<double>(9, 1.0), 10.0));   // below min_samples, even past max_time
  CHECK(should_stop(b, std::vector<double>(10, 1.0), 3.0));    // max_time
  CHECK(!should_stop(b, std::vector<double>(10, 1.0), 0.2));   // before min_time
  CHECK(should_stop(b, std::vector<double>(10, 1.0), 0.25));   // narrow CI after min_time
  CHECK(!should_stop(b, range(10), 1.0));                      // wide CI
  CHECK(should_stop(b, std::vector<double>(2000, 1.0), 0.0));  // max_samples

  // Warm-up and calibration bookkeeping: first iteration 5 ms, then 10 µs each.
  FakeScript s;
  s.iter_ns = [](int64_t i) { return i == 0 ? 5e6 : 1e4; };
  TimingResult r = run(b, s);
  CHECK_EQ(r.warmup_first_ns, 5e6);
  CHECK_EQ(r.warmup_iters, int64_t(1 + 9500));  // 5 ms + 9500 × 10 µs = warmup_s
  CHECK_EQ(r.warmup_total_ns, 1e8);
  CHECK_EQ(r.iters_per_sample, int64_t(200));
  CHECK(!r.device_timer);
  CHECK(r.wall_samples_ns.empty());
  CHECK_EQ(r.samples_ns.size(), size_t(125));  // 2 ms samples, constant: stop at min_time_s
  CHECK_EQ(r.samples_ns[0], 2e6);

  CHECK(r.timing == TimingModel::Streamed);

  // Isolated: the same warm-up, no calibration, one synchronised iteration per sample.
  int syncs = -1;
  r = run(b, s, TimingModel::Isolated, &syncs);
  CHECK(r.timing == TimingModel::Isolated);
  CHECK_EQ(r.warmup_iters, int64_t(1 + 9500));
  CHECK_EQ(r.iters_per_sample, int64_t(1));
  CHECK_EQ(r.samples_ns[0], 1e4);
  CHECK_EQ(syncs, int(r.samples_ns.size()));  // before every sample, never in the warm-up
  r = run(b, s, TimingModel::Streamed, &syncs);
  CHECK_EQ(syncs, 0);

  // The request field: absent = streamed, the two names, anything else invalid.
  CHECK(parse_timing(nullptr) == TimingModel::Streamed);
  const Json null_timing;
  CHECK(parse_timing(&null_timing) == TimingModel::Streamed);  // as runners/core: req.get("timing")
  const Json streamed = Json("streamed"), isolated = Json("isolated");
  CHECK(parse_timing(&streamed) == TimingModel::Streamed);
  CHECK(parse_timing(&isolated) == TimingModel::Isolated);
  CHECK_EQ(std::string(timing_name(TimingModel::Isolated)), std::string("isolated"));
  CHECK_EQ(std::string(timing_name(TimingModel::Streamed)), std::string("streamed"));
  for (const char* bad_timing : {R"("Isolated")", R"("")", "1", "true", R"(["isolated"])"}) {
    const Json v = Json::parse(bad_timing);
    CHECK_THROWS(BackendError, parse_timing(&v));
  }

  // A slow kernel: warmup_min_iters wins over warmup_s; min_samples wins over max_time_s.
  s.iter_ns = [](int64_t) { return 1e9; };
  r = run(b, s);
  CHECK_EQ(r.warmup_iters, int64_t(2));
  CHECK_EQ(r.iters_per_sample, int64_t(1));
  CHECK_EQ(r.samples_ns.size(), size_t(10));

  // Noisy samples (one iteration each) never satisfy the CI: stop at max_samples.
  Budget capped = b;
  capped.max_samples = 50;
  capped.target_sample_s = 0;
  s.iter_ns = [](int64_t i) { return i % 2 ? 1e6 : 3e6; };
  CHECK_EQ(run(capped, s).samples_ns.size(), size_t(50));
  // ... or at max_time_s.
  capped.max_samples = 1000000;
  r = run(capped, s);
  double total = 0;
  for (double v : r.samples_ns) total += v;
  CHECK(total >= 3e9 && total <= 3e9 + 3e6);

  // A device timer: samples are device time, wall samples ride along, calibration uses device time.
  s.iter_ns = [](int64_t) { return 1e4; };
  s.device_fraction = 0.5;
  r = run(b, s);
  CHECK(r.device_timer);
  CHECK_EQ(r.iters_per_sample, int64_t(400));
  CHECK_EQ(r.samples_ns.size(), r.wall_samples_ns.size());
  CHECK_EQ(r.samples_ns[0], 2e6);
  CHECK_EQ(r.wall_samples_ns[0], 4e6);
  CHECK_EQ(r.warmup_first_ns, 1e4);  // warm-up bookkeeping stays host wall time with a device timer
  CHECK_EQ(r.warmup_total_ns, 1e8);
  CHECK(r.encode_samples_ns.empty());  // this backend reports no encode time
  // Isolated with a device timer: one iteration per sample, its wall time beside the device time.
  r = run(b, s, TimingModel::Isolated);
  CHECK_EQ(r.iters_per_sample, int64_t(1));
  CHECK_EQ(r.samples_ns.size(), r.wall_samples_ns.size());
  CHECK_EQ(r.samples_ns[0], 5e3);
  CHECK_EQ(r.wall_samples_ns[0], 1e4);

  // A backend whose device time excludes host encoding (MPS) reports it per sample beside the others.
  s.encode_fraction = 0.25;
  r = run(b, s);
  CHECK_EQ(r.encode_samples_ns.size(), r.samples_ns.size());
  CHECK_EQ(r.encode_samples_ns[0], 1e6);
  CHECK_EQ(r.samples_ns[0], 2e6);
  CHECK_EQ(r.wall_samples_ns[0], 4e6);
  s.encode_fraction.reset();

  // A backend that returns device time for some batches only is an internal error.
  FakeClock clock;
  int calls = 0;
  const BatchFn flaky = [&](int64_t) -> std::optional<double> {
    clock.t += 1000;
    return ++calls == 1 ? std::optional<double>(500.0) : std::nullopt;
  };
  CHECK_THROWS(BackendError, measure(b, flaky, clock));
  calls = 0;  // and so is one that reports encode time for some samples only
  const BatchFn flaky_encode = [&](int64_t) {
    clock.t += 1000;
    return BatchTimes(500.0, ++calls % 3 == 0 ? std::nullopt : std::optional<double>(100.0));
  };
  CHECK_THROWS(BackendError, measure(b, flaky_encode, clock));

  // Budget parsing: defaults, overrides, rejects.
  CHECK_EQ(parse_budget(nullptr).max_samples, int64_t(2000));
  const Json j = Json::parse(R"({"warmup_s":0.5,"min_samples":3,"rel_ci":0.05})");
  CHECK_EQ(parse_budget(&j).warmup_s, 0.5);
  CHECK_EQ(parse_budget(&j).min_samples, int64_t(3));
  CHECK_EQ(parse_budget(&j).max_time_s, 3.0);
  const Json bad = Json::parse(R"({"min_samples":0})");
  CHECK_THROWS(BackendError, parse_budget(&bad));
  const Json bad2 = Json::parse(R"({"rel_ci":"x"})");
  CHECK_THROWS(BackendError, parse_budget(&bad2));
}
