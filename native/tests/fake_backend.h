// A scripted backend and clock for harness tests: durations, device timer, injected failures and
// corrupted outputs, with no real computation beyond a naive matmul.
#pragma once

#include <functional>
#include <optional>

#include "mpsbench/backend.h"
#include "mpsbench/timing.h"

namespace mpsbench::test {

/// A clock that moves only when told to.
class FakeClock : public Clock {
 public:
  int64_t now_ns() override { return t; }
  int64_t t = 0;
};

/// What the fake backend does; every field has a harmless default.
struct FakeScript {
  /// Wall duration of iteration number i (0-based over the whole case).
  std::function<double(int64_t i)> iter_ns = [](int64_t) { return 1000.0; };
  /// Device time as a fraction of wall time; nullopt = no device timer ("wall").
  std::optional<double> device_fraction;
  /// Host encode time of a batch as a fraction of its wall time; nullopt = not reported.
  std::optional<double> encode_fraction;
  /// Thrown from prepare() when set.
  std::function<void()> fail_prepare;
  /// Applied to the output before it is returned (to corrupt it).
  std::function<void(std::vector<float>&)> corrupt;
};

/// Supports matmul in f32 and f16; computes C naively in double and rounds it to the dtype.
class FakeBackend : public Backend {
 public:
  FakeBackend(FakeClock& clock, FakeScript script) : clock_(clock), script_(std::move(script)) {}

  BackendInfo info() override;
  void prepare(const CaseSpec& spec, const CaseInputs& inputs) override;
  std::optional<double> run_batch(int64_t iters) override;
  std::optional<double> host_encode_ns() const override;
  std::vector<float> output() override;
  TrainTrace train_trace() override { return {}; }
  int64_t mem_bytes() const override { return 1234; }
  /// Free-form case facts, as a device backend reports them (e.g. thermal state after the run).
  Json case_info() const override { return Json::object().set("fake_info", iters); }
  void release() noexcept override { ++releases; }
  /// Counts the calls and the iterations run before the last one (the isolated model's sync).
  void synchronize() override { ++syncs; }

  int prepares = 0;   ///< prepare() calls, including failed ones
  int releases = 0;   ///< release() calls
  int syncs = 0;      ///< synchronize() calls
  int64_t iters = 0;  ///< iterations run in the current case
  int64_t iters_at_output = -1;  ///< iterations that had run when output() was last called

 private:
  FakeClock& clock_;
  FakeScript script_;
  CaseSpec spec_;
  CaseInputs inputs_;
  double last_wall_ = 0;
};

/// C of a matmul case computed in double and rounded to `dtype`: what a perfect backend returns.
std::vector<float> exact_matmul(const MatmulSpec& s, const CaseInputs& in, DType dtype = DType::F32);

}  // namespace mpsbench::test
