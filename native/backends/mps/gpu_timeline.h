// Bookkeeping of the Metal command buffers one batch ran in, and the device time it gives: the MPS
// backend's timer, as plain data so that it is tested on any machine (native/tests/test_gpu_timeline.cpp).
//
// MPSGraph may commitAndContinue inside an encode, replacing the MPSCommandBuffer's root command
// buffer; MPSCommandBuffer.h tells callers to capture the root before such a call and wait on that.
// The backend records the root before and after every encode; a root that only appears after the
// last encode received no work (T3 of the review) and does not count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mpsbench::mps {

/// One root command buffer of a batch, as seen by the backend.
struct CommandBufferRecord {
  const void* id = nullptr;  ///< identity of the MTLCommandBuffer (not owned)
  bool encoded = false;      ///< it was the root when an encode started
  double gpu_start_s = 0;    ///< GPUStartTime after completion (host seconds; 0 when not reported)
  double gpu_end_s = 0;      ///< GPUEndTime after completion
};

/// The roots of one batch in commit order.
class RootLog {
 public:
  /// Call with the current root right before an encode.
  void before_encode(const void* root);
  /// Call with the current root right after an encode (it differs when MPSGraph committed).
  void after_encode(const void* root);
  /// Every root seen, in order.
  std::vector<CommandBufferRecord>& roots() { return roots_; }
  const std::vector<CommandBufferRecord>& roots() const { return roots_; }

 private:
  void see(const void* root, bool encoded);
  std::vector<CommandBufferRecord> roots_;
};

/// The device time of a batch.
struct GpuBatchTime {
  double span_ns = 0;      ///< first GPUStartTime to last GPUEndTime of the encoded roots: the sample
  double busy_ns = 0;      ///< Σ (GPUEndTime − GPUStartTime) of the same roots; < span_ns when the GPU idled
  int64_t buffers = 0;     ///< roots seen (encoded or not)
  int64_t encoded = 0;     ///< roots that received work
  std::string error;       ///< why no time can be given ("" when the times are usable)
};

/// The span and busy time over the encoded roots that reported times. An encoded root without times
/// (GPUEndTime not after GPUStartTime, or zero) makes the batch untimed: the interval would miss work.
GpuBatchTime summarize_batch(const std::vector<CommandBufferRecord>& roots);

}  // namespace mpsbench::mps
