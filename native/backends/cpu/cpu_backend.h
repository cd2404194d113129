// The CPU (BLAS) backend: f32 matmul, conv2d and MLP training step on the host.
#pragma once

#include <memory>

#include "mpsbench/backend.h"

namespace mpsbench {

/// A CPU backend; reads MPSBENCH_THREADS and sets the BLAS thread count when constructed.
std::unique_ptr<Backend> make_cpu_backend();

}  // namespace mpsbench
