// The CPU backend's matmul for every transpose combination and a batch, checked by verify_matmul on
// all elements; and its support list (f32 only).
#include "check.h"
#include "mpsbench/runner_main.h"
#include "mpsbench/error.h"
#include "mpsbench/verify.h"

using namespace mpsbench;

TEST_SUITE(matmul) {
  const auto backend = make_backend(RunnerEnv{1});
  const BackendInfo info = backend->info();
  CHECK_EQ(info.backend, std::string("cpu"));
  CHECK(info.device.threads >= 1);
  CHECK(info.device.memory_bytes > 0);
  CHECK(!info.libraries.find("blas")->as_string().empty());

  for (const auto& [ta, tb] : {std::pair{false, false}, {true, false}, {false, true}, {true, true}}) {
    CaseSpec spec;
    spec.workload = Workload::Matmul;
    spec.seed = 5;
    spec.matmul = MatmulSpec{13, 7, 29, 3, ta, tb};
    const CaseInputs in = make_inputs(spec);
    backend->prepare(spec, in);
    backend->run_batch(2);
    const ErrorStats e = verify_matmul(spec, in, backend->output(), 13 * 7 * 3 * 4);
    CHECK(e.max_rel_err < 1e-6);
    CHECK_EQ(backend->mem_bytes(), int64_t(3 * (13 * 29 + 29 * 7 + 13 * 7) * 4));
    backend->release();
  }

  CaseSpec f16;
  f16.workload = Workload::Matmul;
  f16.dtype = DType::F16;
  f16.matmul = MatmulSpec{2, 2, 2, 1, false, false};
  bool unsupported = false;
  try {
    backend->prepare(f16, make_inputs(f16));
  } catch (const BackendError& e) {
    unsupported = e.kind() == ErrorKind::Unsupported;
  }
  CHECK(unsupported);
  backend->release();
}
