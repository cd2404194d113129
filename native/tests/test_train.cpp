// The CPU backend's MLP step under the staged check of protocol.md §4; each kind of corruption of
// the trace is caught; repeated steps reduce the loss.
#include <functional>

#include "check.h"
#include "mpsbench/runner_main.h"
#include "mpsbench/verify.h"

using namespace mpsbench;

TEST_SUITE(train) {
  CaseSpec spec;
  spec.workload = Workload::Train;
  spec.seed = 1;
  spec.train = TrainSpec{{5, 7, 6, 4}, 3, 0.1};
  const CaseInputs in = make_inputs(spec);
  const auto backend = make_backend(RunnerEnv{1});
  backend->prepare(spec, in);
  backend->run_batch(1);
  const TrainTrace trace = backend->train_trace();
  const ErrorStats ok = verify_train(spec, in, trace, 16);
  CHECK(ok.max_rel_err < 1e-5);
  CHECK_EQ(ok.nonfinite, int64_t(0));
  CHECK(ok.checked > 100);
  CHECK(trace.loss > 0);

  // Every stage catches a corruption of its own output.
  const std::vector<std::pair<const char*, std::function<void(TrainTrace&)>>> corruptions = {
      {"forward z_1", [](TrainTrace& t) { t.z[0][0] += 0.01f; }},
      {"activation h_2", [](TrainTrace& t) { t.h[1][0] = std::max(t.z[1][0], 0.0f) + 0.01f; }},
      {"loss", [](TrainTrace& t) { t.loss += 0.01; }},
      {"output gradient", [](TrainTrace& t) { t.dz[2][1] += 0.01f; }},
      {"hidden gradient dz_1", [](TrainTrace& t) { t.dz[0][0] += 0.01f; }},
      {"hidden gradient mask", [](TrainTrace& t) { t.dz[1].back() = t.z[1].back() > 0 ? 0.0f : 0.5f; }},
      {"weight update W_2", [](TrainTrace& t) { t.w[1][0] += 0.001f; }},
      {"bias update b_3", [](TrainTrace& t) { t.b[2].back() += 0.001f; }},
  };
  for (const auto& [name, corrupt] : corruptions) {
    TrainTrace bad = trace;
    corrupt(bad);
    const double err = verify_train(spec, in, bad, 16).max_rel_err;
    if (!(err > 1e-4)) ::mpsbench::test::fail(__FILE__, __LINE__, std::string("not caught: ") + name);
  }
  TrainTrace nan = trace;
  nan.dz[1][2] = std::nanf("");
  CHECK(verify_train(spec, in, nan, 0).to_json().find("max_rel_err")->is_null());
  TrainTrace short_trace = trace;
  short_trace.w.pop_back();
  CHECK_THROWS(std::exception, verify_train(spec, in, short_trace, 4));

  // Training on one fixed batch lowers its loss.
  backend->run_batch(50);
  CHECK(backend->train_trace().loss < trace.loss);
  backend->release();

  // A single-layer model (no hidden layer, so no h and no hidden gradient) passes the staged check.
  CaseSpec linear = spec;
  linear.train = TrainSpec{{6, 3}, 4, 0.5};
  const CaseInputs lin_in = make_inputs(linear);
  backend->prepare(linear, lin_in);
  backend->run_batch(1);
  const TrainTrace lin = backend->train_trace();
  CHECK(lin.h.empty());
  CHECK(verify_train(linear, lin_in, lin, 8).max_rel_err < 1e-5);
  TrainTrace lin_bad = lin;
  lin_bad.w[0][0] += 0.01f;
  CHECK(verify_train(linear, lin_in, lin_bad, 8).max_rel_err > 1e-4);
  backend->release();
}
