// Warm-up, calibration and adaptive sampling (see timing.h and protocol.md §3).
#include "mpsbench/timing.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "mpsbench/error.h"

namespace mpsbench {
namespace {

struct BatchTime {
  double wall_ns;
  std::optional<double> device_ns;
  std::optional<double> encode_ns;
};

/// Throws unless the batch reported device time exactly when the first batch did.
void check_timer(const BatchTime& t, bool device_timer) {
  if (t.device_ns.has_value() != device_timer) {
    throw BackendError(ErrorKind::Internal, "the backend returned device time for some batches only");
  }
}

BatchTime time_batch(const BatchFn& run_batch, Clock& clock, int64_t iters) {
  const int64_t t0 = clock.now_ns();
  const BatchTimes times = run_batch(iters);
  return {static_cast<double>(clock.now_ns() - t0), times.device_ns, times.encode_ns};
}

double read_number(const Json& budget, const char* name, double fallback, double min) {
  const Json* v = budget.find(name);
  if (!v) return fallback;
  if (!v->is_number() || !std::isfinite(v->as_number()) || v->as_number() < min) {
    throw BackendError(ErrorKind::Invalid, std::string("budget.") + name + " must be a number >= " +
                                               std::to_string(min));
  }
  return v->as_number();
}

/// The element of rank `rank` (0-based) of `v`, partially reordering v.
double ranked(std::vector<double>& v, size_t rank) {
  std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(rank), v.end());
  return v[rank];
}

}  // namespace

int64_t SteadyClock::now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

Budget parse_budget(const Json* budget) {
  Budget b;
  if (!budget) return b;
  if (!budget->is_object()) throw BackendError(ErrorKind::Invalid, "budget must be an object");
  b.warmup_s = read_number(*budget, "warmup_s", b.warmup_s, 0);
  b.warmup_min_iters = int64_t(read_number(*budget, "warmup_min_iters", double(b.warmup_min_iters), 0));
  b.target_sample_s = read_number(*budget, "target_sample_s", b.target_sample_s, 0);
  b.min_samples = int64_t(read_number(*budget, "min_samples", double(b.min_samples), 1));
  b.max_samples = int64_t(read_number(*budget, "max_samples", double(b.max_samples), 1));
  b.min_time_s = read_number(*budget, "min_time_s", b.min_time_s, 0);
  b.max_time_s = read_number(*budget, "max_time_s", b.max_time_s, 0);
  b.rel_ci = read_number(*budget, "rel_ci", b.rel_ci, 0);
  return b;
}

TimingModel parse_timing(const Json* timing) {
  if (!timing || timing->is_null()) return TimingModel::Streamed;  // null = absent, as in runners/core
  if (timing->is_string() && timing->as_string() == "streamed") return TimingModel::Streamed;
  if (timing->is_string() && timing->as_string() == "isolated") return TimingModel::Isolated;
  throw BackendError(ErrorKind::Invalid, "timing must be \"streamed\" or \"isolated\", got " + timing->dump());
}

const char* timing_name(TimingModel model) {
  return model == TimingModel::Isolated ? "isolated" : "streamed";
}

int64_t calibrate_iters(double target_sample_s, double fastest_ns) {
  const double iters = std::ceil(target_sample_s * 1e9 / std::max(fastest_ns, 1.0));
  return static_cast<int64_t>(std::clamp(iters, 1.0, 1e9));
}

bool median_ci_within(std::vector<double> samples, double rel_ci) {
  const size_t n = samples.size();
  if (n == 0) return false;
  const double half = double(n) / 2, spread = 0.98 * std::sqrt(double(n));
  const auto clamp_rank = [n](double r) { return size_t(std::clamp(r, 0.0, double(n - 1))); };
  const size_t lo = clamp_rank(std::floor(half - spread)), hi = clamp_rank(std::ceil(half + spread));
  double median = ranked(samples, n / 2);
  if (n % 2 == 0) median = (median + ranked(samples, n / 2 - 1)) / 2;
  const double lo_value = ranked(samples, lo), hi_value = ranked(samples, hi);
  return hi_value - lo_value < rel_ci * median;
}

bool should_stop(const Budget& budget, const std::vector<double>& samples, double elapsed_s) {
  const auto n = int64_t(samples.size());
  if (n < budget.min_samples) return false;
  if (n >= budget.max_samples || elapsed_s >= budget.max_time_s) return true;
  return elapsed_s >= budget.min_time_s && median_ci_within(samples, budget.rel_ci);
}

TimingResult measure(const Budget& budget, const BatchFn& run_batch, Clock& clock, TimingModel timing,
                     const SyncFn& sync) {
  TimingResult r;
  r.timing = timing;
  const bool isolated = timing == TimingModel::Isolated;
  // Warm-up: at least one iteration, each synchronised, until both minimums are met.
  double fastest = std::numeric_limits<double>::infinity();
  const int64_t warm_start = clock.now_ns();
  do {
    const BatchTime t = time_batch(run_batch, clock, 1);
    if (r.warmup_iters == 0) {
      r.device_timer = t.device_ns.has_value();
      r.warmup_first_ns = t.wall_ns;
    }
    check_timer(t, r.device_timer);
    fastest = std::min(fastest, t.device_ns.value_or(t.wall_ns));
    ++r.warmup_iters;
  } while (r.warmup_iters < budget.warmup_min_iters ||
           double(clock.now_ns() - warm_start) < budget.warmup_s * 1e9);
  r.warmup_total_ns = double(clock.now_ns() - warm_start);
  r.iters_per_sample = isolated ? 1 : calibrate_iters(budget.target_sample_s, fastest);

  // Sampling.
  bool encode_timer = false;  // whether the backend reports encode time, decided by the first sample
  const int64_t sample_start = clock.now_ns();
  do {
    if (isolated && sync) sync();  // the device idle before the sample, outside its timed region
    const BatchTime t = time_batch(run_batch, clock, r.iters_per_sample);
    check_timer(t, r.device_timer);
    r.samples_ns.push_back(t.device_ns.value_or(t.wall_ns));
    if (r.device_timer) r.wall_samples_ns.push_back(t.wall_ns);
    if (r.samples_ns.size() == 1) encode_timer = t.encode_ns.has_value();
    if (t.encode_ns.has_value() != encode_timer) {
      throw BackendError(ErrorKind::Internal, "the backend returned encode time for some batches only");
    }
    if (t.encode_ns) r.encode_samples_ns.push_back(*t.encode_ns);
  } while (!should_stop(budget, r.samples_ns, double(clock.now_ns() - sample_start) * 1e-9));
  return r;
}

}  // namespace mpsbench
