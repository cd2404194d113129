// The scripted test backend (see fake_backend.h).
#include "fake_backend.h"

namespace mpsbench::test {

BackendInfo FakeBackend::info() {
  BackendInfo info;
  info.backend = "fake";
  info.runner_name = "mpsbench-runner-fake";
  info.device = DeviceInfo{"Fake Device", script_.device_fraction ? "gpu" : "cpu", 1 << 30, 4, 1};
  info.timer = script_.device_fraction ? "gpu" : "wall";
  info.workloads = {{Workload::Matmul, {DType::F32, DType::F16}}};
  return info;
}

void FakeBackend::prepare(const CaseSpec& spec, const CaseInputs& inputs) {
  ++prepares;
  iters = 0;
  if (script_.fail_prepare) script_.fail_prepare();
  spec_ = spec;
  inputs_ = inputs;
}

std::optional<double> FakeBackend::run_batch(int64_t n) {
  double wall = 0;
  for (int64_t i = 0; i < n; ++i) wall += script_.iter_ns(iters++);
  clock_.t += int64_t(wall);
  last_wall_ = wall;
  if (!script_.device_fraction) return std::nullopt;
  return wall * *script_.device_fraction;
}

std::optional<double> FakeBackend::host_encode_ns() const {
  if (!script_.encode_fraction) return std::nullopt;
  return last_wall_ * *script_.encode_fraction;
}

std::vector<float> exact_matmul(const MatmulSpec& s, const CaseInputs& in, DType dtype) {
  std::vector<float> c(size_t(s.batch * s.m * s.n));
  for (int64_t b = 0; b < s.batch; ++b)
    for (int64_t i = 0; i < s.m; ++i)
      for (int64_t j = 0; j < s.n; ++j) {
        double sum = 0;
        for (int64_t k = 0; k < s.k; ++k) {
          const double av = s.trans_a ? in.a[size_t((b * s.k + k) * s.m + i)] : in.a[size_t((b * s.m + i) * s.k + k)];
          const double bv = s.trans_b ? in.b[size_t((b * s.n + j) * s.k + k)] : in.b[size_t((b * s.k + k) * s.n + j)];
          sum += av * bv;
        }
        c[size_t((b * s.m + i) * s.n + j)] = round_to_dtype(sum, dtype);
      }
  return c;
}

std::vector<float> FakeBackend::output() {
  iters_at_output = iters;
  std::vector<float> c = exact_matmul(spec_.matmul, inputs_, spec_.dtype);
  if (script_.corrupt) script_.corrupt(c);
  return c;
}

}  // namespace mpsbench::test
