// The entry point shared by every native runner executable: runner_entry.cpp's main() reads the
// environment once (runner_env.h), asks the backend's make_backend() for the backend and serves it.
#pragma once

#include <memory>

#include "mpsbench/backend.h"
#include "mpsbench/runner_env.h"

namespace mpsbench {

/// Defined once by each backend (native/backends/<b>/): constructs it for the validated `env`.
/// A BackendError thrown here ends the runner with exit status 2 and the message on stderr.
std::unique_ptr<Backend> make_backend(const RunnerEnv& env);

/// Serves the protocol on stdin/stdout for `backend`. Keeps a private duplicate of stdout for replies
/// and points fd 1 at stderr, so that libraries printing to stdout cannot corrupt the channel; warns
/// on stderr when built without NDEBUG; a watchdog thread exits the process (status 3) when its
/// parent dies, so a runner busy in a case cannot outlive a SIGKILLed mpsbench. Returns the exit status.
int runner_main(std::unique_ptr<Backend> backend);

}  // namespace mpsbench
