// The request loop with the scripted backend: reply shapes, every failure kind, the runner staying
// usable after failures, device timers, and the line discipline of serve().
#include <cstdio>
#include <new>
#include <sstream>

#include "check.h"
#include "fake_backend.h"
#include "mpsbench/error.h"
#include "mpsbench/protocol.h"

using namespace mpsbench;
using namespace mpsbench::test;

namespace {

const char* kRun =
    R"({"op":"run","id":7,"case":{"key":"k","workload":"matmul","dtype":"f32",)"
    R"("params":{"m":4,"n":3,"k":5,"batch":2,"trans_a":true,"trans_b":false},"seed":1},)"
    R"("budget":{"warmup_s":0.001,"min_samples":3,"min_time_s":0,"max_time_s":1},"verify":{"samples":16}})";

/// kRun with `from` replaced by `to`.
std::string run_with(const std::string& from, const std::string& to) {
  std::string s = kRun;
  s.replace(s.find(from), from.size(), to);
  return s;
}

struct Harness {
  FakeClock clock;
  FakeBackend backend;
  BackendInfo info;
  explicit Harness(FakeScript script = {}) : backend(clock, std::move(script)), info(backend.info()) {}
  Json send(const std::string& line, bool* quit_out = nullptr) {
    bool quit = false;
    Json reply = handle_line(backend, info, line, clock, quit);
    if (quit_out) *quit_out = quit;
    return reply;
  }
};

FakeScript failing(std::function<void()> fail) {
  FakeScript s;
  s.fail_prepare = std::move(fail);
  return s;
}

FakeScript corrupting(std::function<void(std::vector<float>&)> corrupt) {
  FakeScript s;
  s.corrupt = std::move(corrupt);
  return s;
}

std::string kind_of(const Json& reply) { return reply.find("error")->find("kind")->as_string(); }

void check_failure(FakeScript script, const char* kind) {
  Harness h(std::move(script));
  const Json r = h.send(kRun);
  CHECK_EQ(r.find("ok")->as_bool(), false);
  CHECK_EQ(r.find("op")->as_string(), std::string("run"));
  CHECK_EQ(kind_of(r), std::string(kind));
  CHECK_EQ(h.backend.releases, 1);  // released after the failure
}

}  // namespace

TEST_SUITE(protocol) {
  Harness h;
  const Json hello = h.send(R"({"op":"hello","id":0,"protocol":1})");
  CHECK_EQ(hello.dump().substr(0, 33), std::string(R"({"id":0,"op":"hello","ok":true,"p)"));
  CHECK_EQ(hello.find("protocol")->as_number(), 1.0);
#ifdef NDEBUG
  CHECK_EQ(hello.find("runner")->find("build")->find("debug")->as_bool(), false);
#else
  CHECK_EQ(hello.find("runner")->find("build")->find("debug")->as_bool(), true);
#endif
  CHECK_EQ(hello.find("workloads")->dump(), std::string(R"({"matmul":["f32","f16"]})"));
  CHECK_EQ(hello.find("timer")->as_string(), std::string("wall"));

  const Json run = h.send(kRun);
  CHECK_EQ(run.find("ok")->as_bool(), true);
  CHECK_EQ(run.find("id")->as_number(), 7.0);
  CHECK_EQ(run.find("timer")->as_string(), std::string("wall"));
  CHECK_EQ(run.find("timing")->as_string(), std::string("streamed"));  // absent = streamed, echoed
  CHECK(run.find("iters_per_sample")->as_number() > 1);
  CHECK(run.find("wall_samples_ns") == nullptr);
  CHECK(run.find("samples_ns")->as_array().size() >= 3);
  CHECK_EQ(run.find("verify")->find("checked")->as_number(), 18.0);
  CHECK(run.find("verify")->find("max_rel_err")->as_number() < 1e-7);
  CHECK_EQ(run.find("mem_bytes")->as_number(), 1234.0);
  CHECK_EQ(h.backend.releases, 1);
  // Verification reads the output after exactly one iteration from the initial inputs (a backend that
  // updates state per step, like the mps train ping-pong, relies on this), and the backend's case
  // facts reach the reply's info after every timed iteration ran.
  CHECK_EQ(h.backend.iters_at_output, int64_t(1));
  CHECK_EQ(run.find("info")->find("fake_info")->as_number(), double(h.backend.iters));
  CHECK(hello.find("info")->is_object());

  // f16: the fake rounds C to f16, so the error is that of f16 but verification still works.
  const Json half = h.send(run_with("\"f32\"", "\"f16\""));
  CHECK(half.find("verify")->find("max_rel_err")->as_number() < 1e-3);

  // The timing model: echoed as sent; isolated samples one iteration each; a bad value is invalid.
  const std::string budget_key = "\"budget\":";
  const Json streamed = h.send(run_with(budget_key, "\"timing\":\"streamed\"," + budget_key));
  CHECK_EQ(streamed.find("timing")->as_string(), std::string("streamed"));
  CHECK(streamed.find("iters_per_sample")->as_number() > 1);
  const int syncs_before = h.backend.syncs;
  const Json isolated = h.send(run_with(budget_key, "\"timing\":\"isolated\"," + budget_key));
  CHECK_EQ(isolated.find("ok")->as_bool(), true);
  CHECK_EQ(isolated.find("timing")->as_string(), std::string("isolated"));
  CHECK_EQ(isolated.find("iters_per_sample")->as_number(), 1.0);
  CHECK_EQ(h.backend.syncs - syncs_before, int(isolated.find("samples_ns")->as_array().size()));
  const Json bad_timing = h.send(run_with(budget_key, "\"timing\":\"burst\"," + budget_key));
  CHECK_EQ(kind_of(bad_timing), std::string("invalid"));
  CHECK(bad_timing.find("error")->find("message")->as_string().find("timing") != std::string::npos);
  CHECK_EQ(kind_of(h.send(run_with(budget_key, "\"timing\":1," + budget_key))), std::string("invalid"));

  // Failure kinds, and the runner keeps answering afterwards.
  check_failure(failing([] { throw BackendError(ErrorKind::Oom, "device full"); }), "oom");
  check_failure(failing([] { throw std::bad_alloc(); }), "oom");
  check_failure(failing([] { throw std::runtime_error("boom"); }), "internal");
  check_failure(failing([] { throw 42; }), "internal");
  // A backend that refuses a device in prepare (the mps runner on a paravirtual GPU) answers unsupported.
  check_failure(failing([] { throw BackendError(ErrorKind::Unsupported, "paravirtual device"); }), "unsupported");
  CHECK_EQ(kind_of(h.send(run_with("\"f32\"", "\"bf16\""))), std::string("unsupported"));
  CHECK_EQ(kind_of(h.send(run_with("\"f32\"", "\"f8\""))), std::string("unsupported"));
  CHECK_EQ(kind_of(h.send(run_with("\"matmul\"", "\"fft\""))), std::string("unsupported"));
  CHECK_EQ(kind_of(h.send(run_with("\"m\":4", "\"m\":0"))), std::string("invalid"));
  CHECK_EQ(kind_of(h.send(run_with("\"m\":4", "\"m\":4.5"))), std::string("invalid"));
  CHECK_EQ(kind_of(h.send(run_with("\"m\":4,", ""))), std::string("invalid"));
  CHECK_EQ(kind_of(h.send(run_with("\"trans_a\":true", "\"trans_a\":1"))), std::string("invalid"));
  CHECK_EQ(kind_of(h.send(run_with("\"seed\":1", "\"seed\":-1"))), std::string("invalid"));
  CHECK_EQ(kind_of(h.send(run_with("\"samples\":16", "\"samples\":-1"))), std::string("invalid"));
  CHECK_EQ(kind_of(h.send(R"({"op":"run","id":8})")), std::string("invalid"));
  CHECK(h.send(kRun).find("ok")->as_bool());

  // Corrupted and non-finite outputs are reported, not hidden.
  Harness corrupt(corrupting([](std::vector<float>& c) { c[0] += 1.0f; }));
  CHECK(corrupt.send(kRun).find("verify")->find("max_rel_err")->as_number() > 1e-3);
  Harness nan(corrupting([](std::vector<float>& c) { c[3] = std::nanf(""); }));
  const Json nan_reply = nan.send(kRun);
  CHECK(nan_reply.find("verify")->find("max_rel_err")->is_null());
  CHECK_EQ(nan_reply.find("verify")->find("nonfinite")->as_number(), 1.0);

  // A device timer.
  FakeScript device;
  device.device_fraction = 0.5;
  Harness gpu(device);
  CHECK_EQ(std::string(gpu.send(R"({"op":"hello","id":"a"})").find("timer")->as_string()), std::string("gpu"));
  const Json g = gpu.send(kRun);
  CHECK_EQ(g.find("timer")->as_string(), std::string("gpu"));
  CHECK_EQ(g.find("wall_samples_ns")->as_array().size(), g.find("samples_ns")->as_array().size());
  CHECK_EQ(g.find("samples_ns")->as_array()[0].as_number() * 2, g.find("wall_samples_ns")->as_array()[0].as_number());
  CHECK(g.find("encode_samples_ns") == nullptr);  // optional: only a backend that reports it
  // Isolated with a device timer: the host wall of each sample still rides along.
  const Json gi = gpu.send(run_with("\"budget\":", "\"timing\":\"isolated\",\"budget\":"));
  CHECK_EQ(gi.find("timing")->as_string(), std::string("isolated"));
  CHECK_EQ(gi.find("wall_samples_ns")->as_array().size(), gi.find("samples_ns")->as_array().size());

  // A device timer that excludes host encoding (MPS): encode_samples_ns rides along, per sample.
  device.encode_fraction = 0.125;
  Harness metal(device);
  const Json m = metal.send(kRun);
  CHECK_EQ(m.find("encode_samples_ns")->as_array().size(), m.find("samples_ns")->as_array().size());
  CHECK_EQ(m.find("encode_samples_ns")->as_array()[0].as_number() * 8, m.find("wall_samples_ns")->as_array()[0].as_number());

  // Requests that are not requests.
  Json r = h.send("{\"op\":\"fly\",\"id\":3}");
  CHECK_EQ(r.dump(), std::string(R"({"id":3,"op":"error","ok":false,"error":{"kind":"invalid","message":"unknown op \"fly\""}})"));
  r = h.send("{not json");
  CHECK(r.find("id")->is_null());
  CHECK_EQ(r.find("op")->as_string(), std::string("error"));
  CHECK_EQ(kind_of(r), std::string("invalid"));
  CHECK(h.send("[1,2]").find("id")->is_null());
  CHECK(h.send(R"({"op":"hello"})").find("id")->is_null());
  CHECK_EQ(h.send(R"({"id":5,"op":1})").find("id")->as_number(), 5.0);
  bool quit = false;
  CHECK_EQ(h.send(R"({"op":"bye","id":9})", &quit).dump(), std::string(R"({"id":9,"op":"bye","ok":true})"));
  CHECK(quit);

  // serve(): one flushed line per reply, blank lines skipped, nothing read after bye.
  std::istringstream in("{\"op\":\"hello\",\"id\":1}\n\n  \r\n{\"op\":\"nope\",\"id\":2}\n{\"op\":\"bye\",\"id\":3}\n"
                        "{\"op\":\"hello\",\"id\":4}\n");
  std::FILE* out = std::tmpfile();
  CHECK_EQ(serve(h.backend, in, out, h.clock), 0);
  std::rewind(out);
  std::vector<std::string> lines;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, out)) lines.emplace_back(buf);
  std::fclose(out);
  CHECK_EQ(lines.size(), size_t(3));
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].back() == '\n');
    CHECK_EQ(Json::parse(lines[i]).find("id")->as_number(), double(i + 1));
  }
  std::istringstream eof("{\"op\":\"hello\",\"id\":1}");  // end of input without bye: exit 0
  out = std::tmpfile();
  CHECK_EQ(serve(h.backend, eof, out, h.clock), 0);
  std::fclose(out);
}
