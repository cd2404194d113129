// The entry point shared by every native runner executable.
#pragma once

#include <memory>

#include "mpsbench/backend.h"

namespace mpsbench {

/// Serves the protocol on stdin/stdout for `backend`. Keeps a private duplicate of stdout for replies
/// and points fd 1 at stderr, so that libraries printing to stdout cannot corrupt the channel; warns
/// on stderr when built without NDEBUG. Returns the process exit status.
int runner_main(std::unique_ptr<Backend> backend);

}  // namespace mpsbench
