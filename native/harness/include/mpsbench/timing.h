// The timing loop of protocol.md §3: warm-up, calibration, adaptive sampling with the
// order-statistic stopping rule. Clock and batch function are parameters so tests can fake both.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "mpsbench/json.h"

namespace mpsbench {

/// The `budget` object of a run request (defaults: the example of protocol.md §2).
struct Budget {
  double warmup_s = 0.1;
  int64_t warmup_min_iters = 2;
  double target_sample_s = 0.02;
  int64_t min_samples = 10;
  int64_t max_samples = 2000;
  double min_time_s = 0.25;
  double max_time_s = 3;
  double rel_ci = 0.01;
};

/// Reads a budget object; absent fields keep their defaults, bad ones throw BackendError(invalid).
Budget parse_budget(const Json* budget);

/// The timing model of protocol.md §3. Streamed: a sample is iters_per_sample iterations back to
/// back and one synchronisation (throughput). Isolated: a sample is one iteration, the device
/// synchronised before and after it, no calibration (latency as a caller sees it).
enum class TimingModel { Streamed, Isolated };

/// Reads a run request's "timing": absent (or null) = streamed; anything but "streamed"/"isolated" throws
/// BackendError(invalid), as runners/core/timing.py's parse_timing does.
TimingModel parse_timing(const Json* timing);

/// "streamed" or "isolated", as the run reply echoes it.
const char* timing_name(TimingModel model);

/// A monotonic clock in nanoseconds.
class Clock {
 public:
  virtual ~Clock() = default;
  /// Current time in ns from an arbitrary origin.
  virtual int64_t now_ns() = 0;
};

/// std::chrono::steady_clock.
class SteadyClock : public Clock {
 public:
  int64_t now_ns() override;
};

/// What one batch reports besides the wall clock the harness measures around it.
struct BatchTimes {
  /// Device ns (Backend::run_batch) and the host ns spent encoding (Backend::host_encode_ns).
  BatchTimes(std::optional<double> device = std::nullopt, std::optional<double> encode = std::nullopt)
      : device_ns(device), encode_ns(encode) {}
  std::optional<double> device_ns;
  std::optional<double> encode_ns;
};

/// Runs `iters` iterations and synchronises; returns what the backend timed.
using BatchFn = std::function<BatchTimes(int64_t iters)>;

/// Everything the run reply reports about timing.
struct TimingResult {
  TimingModel timing = TimingModel::Streamed;  ///< the model the samples were taken under
  bool device_timer = false;          ///< samples_ns come from the backend's device timer
  int64_t iters_per_sample = 1;
  std::vector<double> samples_ns;     ///< device time when device_timer, else wall time
  std::vector<double> wall_samples_ns;  ///< wall time of the same samples, only when device_timer
  std::vector<double> encode_samples_ns;  ///< host encode time of the same samples, when the backend reports it
  int64_t warmup_iters = 0;
  double warmup_first_ns = 0;         ///< wall time of the first warm-up iteration
  double warmup_total_ns = 0;         ///< wall time of the whole warm-up
};

/// iters_per_sample = max(1, ceil(target_sample_s / t)) for the fastest warm-up time t (ns).
int64_t calibrate_iters(double target_sample_s, double fastest_ns);

/// True when the 95% CI of the median, by order statistics (ranks floor(n/2 - 0.98·sqrt(n)) and
/// ceil(n/2 + 0.98·sqrt(n)), 0-based, clamped), is narrower than rel_ci × median.
bool median_ci_within(std::vector<double> samples, double rel_ci);

/// Whether sampling stops after this sample: never below min_samples; then at max_samples or
/// max_time_s; otherwise once min_time_s passed and the median's CI is narrow enough.
bool should_stop(const Budget& budget, const std::vector<double>& samples, double elapsed_s);

/// Waits until the device is idle (Backend::synchronize); called outside the timed region.
using SyncFn = std::function<void()>;

/// Warm-up, calibration and sampling for one prepared case (protocol.md §3, steps 3-5). Isolated:
/// the same warm-up, no calibration (iters_per_sample 1), and `sync` (when given) before each sample.
TimingResult measure(const Budget& budget, const BatchFn& run_batch, Clock& clock,
                     TimingModel timing = TimingModel::Streamed, const SyncFn& sync = {});

}  // namespace mpsbench
