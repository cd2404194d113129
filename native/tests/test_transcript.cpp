// The real mpsbench-runner-cpu binary driven through a pipe: hello, one small run of each workload,
// an unknown op, malformed JSON, an unsupported dtype, bye; and its exit status 2 for a bad
// MPSBENCH_THREADS (the shared entry point). Run as: mpsbench-tests transcript <runner>.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "check.h"
#include "mpsbench/json.h"

using namespace mpsbench;

namespace {

const char* kBudget =
    R"("budget":{"warmup_s":0.01,"warmup_min_iters":2,"target_sample_s":0.001,"min_samples":5,)"
    R"("max_samples":50,"min_time_s":0.01,"max_time_s":0.2,"rel_ci":0.01},"verify":{"samples":64}})";

std::string run_request(int id, const std::string& workload, const std::string& dtype, const std::string& params) {
  return R"({"op":"run","id":)" + std::to_string(id) + R"(,"case":{"key":"t","workload":")" + workload +
         R"(","dtype":")" + dtype + R"(","params":)" + params + R"(,"seed":1},)" + kBudget;
}

void check_run_ok(const Json& r, double id) {
  CHECK_EQ(r.find("id")->as_number(), id);
  CHECK_EQ(r.find("op")->as_string(), std::string("run"));
  if (!r.find("ok")->as_bool()) {
    ::mpsbench::test::fail(__FILE__, __LINE__, "run failed: " + r.dump());
    return;
  }
  const auto& samples = r.find("samples_ns")->as_array();
  CHECK(samples.size() >= 5);
  for (const Json& s : samples) CHECK(s.as_number() > 0);
  CHECK(r.find("iters_per_sample")->as_number() >= 1);
  CHECK(r.find("warmup")->find("iters")->as_number() >= 2);
  CHECK(r.find("verify")->find("max_rel_err")->as_number() < 1e-4);
  CHECK(r.find("mem_bytes")->as_number() > 0);
}

/// A fresh private directory under $TMPDIR (or /tmp), so that concurrent runs (ctest -j) never share files.
std::string private_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/mpsbench-transcript-XXXXXX";
  if (!mkdtemp(pattern.data())) {
    ::mpsbench::test::fail(__FILE__, __LINE__, "mkdtemp failed for " + pattern);
    return {};
  }
  return pattern;
}

/// The exit status of `cmd` run by the shell, or -1 when it did not exit normally.
int exit_status(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_SUITE(transcript) {
  if (args.empty()) {
    ::mpsbench::test::fail(__FILE__, __LINE__, "usage: mpsbench-tests transcript <runner>");
    return;
  }
  const std::string dir = private_dir();
  if (dir.empty()) return;
  const std::string in_path = dir + "/in.jsonl", out_path = dir + "/out.jsonl", err_path = dir + "/err.txt";
  {
    std::ofstream in(in_path);
    in << R"({"op":"hello","id":0,"protocol":1})" << "\n"
       << run_request(1, "matmul", "f32", R"({"m":64,"n":48,"k":80,"batch":2,"trans_a":false,"trans_b":true})") << "\n"
       << run_request(2, "conv2d", "f32",
                      R"({"n":2,"c":4,"h":9,"w":9,"k":6,"r":3,"s":3,"stride":2,"pad":1,"dilation":1,"groups":2,"layout":"nhwc"})")
       << "\n"
       << run_request(3, "train", "f32", R"({"model":"mlp","layers":[16,32,10],"batch":8,"lr":0.05})") << "\n"
       << R"({"op":"launch","id":4})" << "\n"
       << R"({"op":"run","id":5,"case":)" << "\n"
       << run_request(6, "matmul", "bf16", R"({"m":8,"n":8,"k":8,"batch":1,"trans_a":false,"trans_b":false})") << "\n"
       << R"({"op":"bye","id":7})" << "\n";
  }
  const std::string runner = "'" + args[0] + "'";
  CHECK_EQ(exit_status(runner + " < '" + in_path + "' > '" + out_path + "'"), 0);

  std::ifstream out(out_path);
  std::vector<Json> replies;
  for (std::string line; std::getline(out, line);) replies.push_back(Json::parse(line));
  CHECK_EQ(replies.size(), size_t(8));
  if (replies.size() != 8) return;

  const Json& hello = replies[0];
  CHECK_EQ(hello.find("id")->as_number(), 0.0);
  CHECK_EQ(hello.find("backend")->as_string(), std::string("cpu"));
  CHECK_EQ(hello.find("runner")->find("name")->as_string(), std::string("mpsbench-runner-cpu"));
  CHECK_EQ(hello.find("device")->find("threads")->as_number(), 1.0);  // MPSBENCH_THREADS=1 from ctest
  CHECK_EQ(hello.find("workloads")->dump(), std::string(R"({"matmul":["f32"],"conv2d":["f32"],"train":["f32"],"attention":["f32"],"bandwidth":["f32"],"infer":["f32"]})"));
  for (int id = 1; id <= 3; ++id) check_run_ok(replies[size_t(id)], id);
  CHECK_EQ(replies[4].find("op")->as_string(), std::string("error"));
  CHECK_EQ(replies[4].find("id")->as_number(), 4.0);
  CHECK(replies[5].find("id")->is_null());
  CHECK_EQ(replies[5].find("error")->find("kind")->as_string(), std::string("invalid"));
  CHECK_EQ(replies[6].find("id")->as_number(), 6.0);
  CHECK_EQ(replies[6].find("error")->find("kind")->as_string(), std::string("unsupported"));
  CHECK_EQ(replies[7].dump(), std::string(R"({"id":7,"op":"bye","ok":true})"));

  // protocol.md §5: a bad MPSBENCH_THREADS ends the runner at start-up with status 2, the reason on stderr.
  for (const char* bad : {"0", "two", "-3"}) {
    const std::string cmd = std::string("MPSBENCH_THREADS='") + bad + "' " + runner + " < '" + in_path + "' > '" +
                            out_path + "' 2> '" + err_path + "'";
    CHECK_EQ(exit_status(cmd), 2);
    CHECK(read_all(out_path).empty());
    CHECK(read_all(err_path).find("mpsbench-runner-cpu: MPSBENCH_THREADS must be a positive integer") != std::string::npos);
  }
  for (const std::string& path : {in_path, out_path, err_path}) std::remove(path.c_str());
  rmdir(dir.c_str());
}
