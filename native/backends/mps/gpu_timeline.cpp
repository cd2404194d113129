// Command-buffer bookkeeping and the batch's device time (see gpu_timeline.h).
#include "gpu_timeline.h"

#include <algorithm>

namespace mpsbench::mps {

void RootLog::see(const void* root, bool encoded) {
  if (roots_.empty() || roots_.back().id != root) roots_.push_back(CommandBufferRecord{root, false, 0, 0});
  roots_.back().encoded = roots_.back().encoded || encoded;
}

void RootLog::before_encode(const void* root) { see(root, true); }

void RootLog::after_encode(const void* root) { see(root, false); }

GpuBatchTime summarize_batch(const std::vector<CommandBufferRecord>& roots) {
  GpuBatchTime t;
  t.buffers = int64_t(roots.size());
  double first = 0, last = 0;
  for (const CommandBufferRecord& r : roots) {
    if (!r.encoded) continue;
    ++t.encoded;
    if (!(r.gpu_start_s > 0 && r.gpu_end_s > r.gpu_start_s)) {
      t.error = "command buffer " + std::to_string(t.encoded) + " of the batch reported no GPU interval (GPUStartTime " +
                std::to_string(r.gpu_start_s) + ", GPUEndTime " + std::to_string(r.gpu_end_s) + ")";
      return t;
    }
    first = t.busy_ns == 0 ? r.gpu_start_s : std::min(first, r.gpu_start_s);
    last = std::max(last, r.gpu_end_s);
    t.busy_ns += (r.gpu_end_s - r.gpu_start_s) * 1e9;
  }
  if (t.encoded == 0) {
    t.error = "no command buffer of the batch received work";
    return t;
  }
  t.span_ns = (last - first) * 1e9;
  return t;
}

}  // namespace mpsbench::mps
