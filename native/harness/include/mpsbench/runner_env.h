// The runner's environment variables, validated once for every backend (protocol.md §5).
#pragma once

#include <cstdint>

namespace mpsbench {

/// What the environment asks of a runner, read once at start-up by the shared main().
struct RunnerEnv {
  int64_t threads = 0;  ///< MPSBENCH_THREADS; 0 when unset (the backend's own default)
};

/// The value of MPSBENCH_THREADS: 0 when `value` is null or empty, else a positive decimal integer
/// (digits only, at most 2^31 − 1). Anything else throws BackendError(invalid) saying what was given.
int64_t parse_threads(const char* value);

/// The RunnerEnv of this process's environment; throws BackendError(invalid) like parse_threads.
RunnerEnv runner_env_from_environment();

}  // namespace mpsbench
