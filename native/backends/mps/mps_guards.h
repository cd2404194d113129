// Workarounds for MPSGraph bugs that give wrong results, decided from the case and the device alone
// so that they are tested on any machine (native/tests/test_mps_guards.cpp). Platform-neutral C++.
// Each guard reshapes or splits the problem so that the result is right, or refuses the case as
// `unsupported` with the reason; none reports a wrong result as a speed. Sources: docs/mps.md "Guards".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpsbench/dtype.h"
#include "mpsbench/workload.h"
#include "mps_platform.h"

namespace mpsbench::mps {

/// The device facts the guards depend on.
struct DeviceFacts {
  int family = 0;  ///< highest MTLGPUFamilyAppleN supported (7 = M1 … 10 = M5); 0 when unknown
  OsVersion os;    ///< the resolved macOS version (resolve_macos)
};

/// The longest inner dimension MPSGraph matmul gets right on Apple7/8 (M1/M2): longer K is silently
/// wrong (pytorch#177116; pytorch/pytorch aten/src/ATen/native/mps/operations/Linear.mm).
constexpr int64_t kMaxInnerApple7to8 = 32768;

/// The largest output dimension MPSGraph convolution supports before macOS 15.1 (pytorch#129207;
/// pytorch/pytorch aten/src/ATen/native/mps/operations/Convolution.mm checks every output size).
constexpr int64_t kMaxConvOutputDimBefore15_1 = 65536;

/// The most batches the M5 workaround splits into single matrices (our bound on graph size).
constexpr int64_t kMaxSplitBatches = 256;

/// A half-open range [start, start + length).
struct Span {
  int64_t start = 0, length = 0;
};

/// [0, total) cut into consecutive spans of at most `limit` (one span when total <= limit); the
/// spans are as equal as possible, so that no chunk is tiny. total >= 1, limit >= 1.
std::vector<Span> split_even(int64_t total, int64_t limit);

/// The K chunks of a matmul with inner dimension `k` on `device`: one chunk, or chunks of at most
/// kMaxInnerApple7to8 on Apple7/8 and on an unknown family (the safe side), whose partial products
/// are summed in f32.
std::vector<Span> inner_chunks(const DeviceFacts& device, int64_t k);

/// How the MPS backend forms one matmul case.
struct MatmulPlan {
  std::vector<Span> k_chunks;  ///< inner_chunks(); more than one means a K split
  bool per_batch = false;      ///< batched f16/bf16 on Apple10: one 2-D product per batch (pytorch#180776)
  std::string note;            ///< what was changed and why, for the run reply's info ("" when nothing)
};

/// The plan for a matmul case, or BackendError(unsupported) with the reason when no plan is right:
/// batched f16/bf16 on Apple10 (M5) is non-deterministic in MPSGraph (pytorch#180776; PyTorch's
/// Linear.mm flattens such inputs to 2-D), so it runs as `batch` 2-D products, up to kMaxSplitBatches.
MatmulPlan plan_matmul(const MatmulSpec& spec, DType dtype, const DeviceFacts& device);

/// How the MPS backend forms one conv2d case.
struct ConvPlan {
  bool nhwc_as_nchw = false;  ///< NHWC data convolved in NCHW, transposed in the graph (before macOS 15)
  std::string note;           ///< for the run reply's info ("" when nothing changed)
};

/// The plan for a conv2d case, or BackendError(unsupported): before macOS 15.1 every output
/// dimension (N, K, P, Q) must be at most kMaxConvOutputDimBefore15_1; before macOS 15 NHWC is
/// convolved as NCHW with transposes in the graph, as PyTorch does (pytorch#162776, Convolution.mm).
ConvPlan plan_conv(const ConvSpec& spec, const DeviceFacts& device);

/// The note for a training step whose matmuls are K-split on this device ("" when none is): K is
/// L_(l-1) forward, L_l for the hidden gradient and the batch for the weight gradient.
std::string train_note(const TrainSpec& spec, const DeviceFacts& device);

}  // namespace mpsbench::mps
