// main() of every native runner (mpsbench-runner-<backend>): the environment is validated here, once,
// for every backend; each backend only defines make_backend() (runner_main.h). Compiled into each
// runner executable, not into the harness library, so that the test executable keeps its own main().
#include <iostream>
#include <string>

#include "mpsbench/error.h"
#include "mpsbench/runner_main.h"

namespace {

/// The executable's file name (mpsbench-runner-cpu …), for messages.
std::string program_name(const char* argv0) {
  const std::string path = argv0 && *argv0 ? argv0 : "mpsbench runner";
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

int main(int, char** argv) {
  try {
    const mpsbench::RunnerEnv env = mpsbench::runner_env_from_environment();
    return mpsbench::runner_main(mpsbench::make_backend(env));
  } catch (const mpsbench::BackendError& e) {
    std::cerr << program_name(argv[0]) << ": " << e.what() << "\n";
    return 2;
  }
}
