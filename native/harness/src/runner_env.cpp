// MPSBENCH_THREADS parsing (see runner_env.h).
#include "mpsbench/runner_env.h"

#include <cstdlib>
#include <string>

#include "mpsbench/error.h"

namespace mpsbench {

int64_t parse_threads(const char* value) {
  if (!value || !*value) return 0;
  int64_t n = 0;
  bool ok = true;
  for (const char* p = value; *p && ok; ++p) {
    ok = *p >= '0' && *p <= '9';
    if (ok) n = n * 10 + (*p - '0');
    ok = ok && n <= 2147483647;
  }
  if (!ok || n < 1) {
    throw BackendError(ErrorKind::Invalid,
                       std::string("MPSBENCH_THREADS must be a positive integer, got \"") + value + "\"");
  }
  return n;
}

RunnerEnv runner_env_from_environment() {
  RunnerEnv env;
  env.threads = parse_threads(std::getenv("MPSBENCH_THREADS"));
  return env;
}

}  // namespace mpsbench
