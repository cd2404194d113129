// The MPS backend's workarounds for MPSGraph bugs (see mps_guards.h).
#include "mps_guards.h"

#include <algorithm>

#include "mpsbench/error.h"

namespace mpsbench::mps {
namespace {

bool k_limited(const DeviceFacts& device) { return device.family < 9; }  // Apple7/8, or unknown

std::string k_note(int64_t k, size_t chunks) {
  return "K = " + std::to_string(k) + " split into " + std::to_string(chunks) + " chunks of at most " +
         std::to_string(kMaxInnerApple7to8) +
         " summed in f32: MPSGraph matmul is wrong for K > 32768 on Apple7/8 (pytorch#177116)";
}

}  // namespace

std::vector<Span> split_even(int64_t total, int64_t limit) {
  const int64_t parts = (total + limit - 1) / limit;
  std::vector<Span> out;
  int64_t start = 0;
  for (int64_t i = 0; i < parts; ++i) {
    const int64_t length = total / parts + (i < total % parts ? 1 : 0);
    out.push_back({start, length});
    start += length;
  }
  return out;
}

std::vector<Span> inner_chunks(const DeviceFacts& device, int64_t k) {
  if (!k_limited(device) || k <= kMaxInnerApple7to8) return {{0, k}};
  return split_even(k, kMaxInnerApple7to8);
}

MatmulPlan plan_matmul(const MatmulSpec& spec, DType dtype, const DeviceFacts& device) {
  MatmulPlan plan;
  plan.k_chunks = inner_chunks(device, spec.k);
  std::vector<std::string> notes;
  if (plan.k_chunks.size() > 1) notes.push_back(k_note(spec.k, plan.k_chunks.size()));
  const bool half = dtype == DType::F16 || dtype == DType::BF16;
  if (device.family >= 10 && half && spec.batch > 1) {
    if (spec.batch > kMaxSplitBatches) {
      throw BackendError(ErrorKind::Unsupported,
                         "batched " + dtype_name(dtype) + " matmul on Apple10 (M5): MPSGraph gives non-deterministic "
                         "results for >2-D f16/bf16 products (pytorch#180776), and batch " + std::to_string(spec.batch) +
                         " is more than the " + std::to_string(kMaxSplitBatches) + " single products this runner splits it into");
    }
    plan.per_batch = true;
    notes.push_back("batch of " + std::to_string(spec.batch) + " run as single 2-D products: batched " +
                    dtype_name(dtype) + " matmul is non-deterministic on Apple10 (pytorch#180776)");
  }
  for (const std::string& n : notes) plan.note += (plan.note.empty() ? "" : "; ") + n;
  return plan;
}

ConvPlan plan_conv(const ConvSpec& spec, const DeviceFacts& device) {
  if (!at_least(device.os, 15, 1)) {
    const int64_t dims[4] = {spec.n, spec.k, spec.p(), spec.q()};
    const char* names[4] = {"N", "K", "P", "Q"};
    for (int i = 0; i < 4; ++i) {
      if (dims[i] > kMaxConvOutputDimBefore15_1) {
        throw BackendError(ErrorKind::Unsupported,
                           std::string("conv2d output ") + names[i] + " = " + std::to_string(dims[i]) +
                               " > 65536: MPSGraph convolution does not support it before macOS 15.1 "
                               "(pytorch#129207), this is macOS " + version_string(device.os));
      }
    }
  }
  ConvPlan plan;
  if (spec.nhwc && !at_least(device.os, 15)) {
    plan.nhwc_as_nchw = true;
    plan.note = "nhwc data convolved as nchw with transposes in the graph before macOS 15, as PyTorch does "
                "(pytorch#162776)";
  }
  return plan;
}

std::string train_note(const TrainSpec& spec, const DeviceFacts& device) {
  int64_t longest = spec.batch;
  for (int64_t width : spec.layers) longest = std::max(longest, width);
  const size_t chunks = inner_chunks(device, longest).size();
  return chunks > 1 ? "matmuls with K > 32768 (longest " + std::to_string(longest) + ") " +
                          k_note(longest, chunks).substr(k_note(longest, chunks).find(" split"))
                    : "";
}

}  // namespace mpsbench::mps
