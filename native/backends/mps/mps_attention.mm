// The MPS backend's attention builder (see mps_case_graph.h). With a macOS 15 SDK on macOS 15 or
// later: MPSGraph's fused scaledDotProductAttentionWithQueryTensor:…maskTensor:scale:name:
// (MPSGraphMatrixMultiplicationOps.h, macos(15.0)); otherwise matmul Q·Kᵀ, scale and mask in f32, a
// softMax over the keys, and matmul P·V. The causal mask is additive (0, or −inf above the
// diagonal), fed from a buffer. info.path names the path that ran, as the cuda backend does.
#include <cmath>
#include <limits>

#include "mps_case_graph.h"
#include "mps_device.h"

#if !__has_feature(objc_arc)
#error "mps_attention.mm must be compiled with -fobjc-arc"
#endif

namespace mpsbench::mps::detail {

void CaseGraphImpl::build_attention(const CaseInputs& in) {
  const AttentionSpec& s = spec_.attention;
  const DType d = spec_.dtype;
  const Dims qd{s.batch, s.heads, s.seq, s.head_dim}, kd{s.batch, s.heads, s.kv_seq, s.head_dim};
  MPSGraphTensor* q = input(qd, d, in.q);
  MPSGraphTensor* k = input(kd, d, in.k);
  MPSGraphTensor* v = input(kd, d, in.v);
  const float scale = 1.0f / std::sqrt(float(s.head_dim));
  // R2: on Apple7/8 (and unknown families) the P·V product's K = kv_seq is split above 32768; the
  // fused op is not known to be safe there, so such cases take the split matmul path.
  const bool split = inner_chunks(facts_, s.kv_seq).size() > 1;
  // R1: batched f16/bf16 matmul is non-deterministic on Apple10: the unfused products run in f32.
  const bool f32_products = facts_.family >= 10 && d != DType::F32;
  const auto mask_of = [&](DType md) -> MPSGraphTensor* {
    if (!s.causal) return nil;
    std::vector<float> m(size_t(s.seq * s.kv_seq), 0.0f);
    for (int64_t i = 0; i < s.seq; ++i) {
      for (int64_t j = i + 1; j < s.kv_seq; ++j) m[size_t(i * s.kv_seq + j)] = -std::numeric_limits<float>::infinity();
    }
    return input({1, 1, s.seq, s.kv_seq}, md, m);
  };
  std::string why_unfused = split ? "kv_seq above 32768 on this GPU family: split matmuls (pytorch#177116)"
                                  : "this runner was built without a macOS 15 SDK";
#if MPSBENCH_HAVE_MPSGRAPH_SDPA
  if (@available(macOS 15.0, *)) {
    if (!split) {
      MPSGraphTensor* o = [graph_ scaledDotProductAttentionWithQueryTensor:q keyTensor:k valueTensor:v
                                                                maskTensor:mask_of(d) scale:scale name:nil];
      output_ = result(o, qd, d);
      info_.set("path", "mpsgraph-sdpa").set("fused", true)
          .set("algo", "MPSGraph scaledDotProductAttention (macOS 15+)");
      return;
    }
  } else {
    why_unfused = "scaledDotProductAttention needs macOS 15";
  }
#endif
  const DType pd = f32_products ? DType::F32 : d;
  if (f32_products) q = cast(q, pd), k = cast(k, pd), v = cast(v, pd);
  MPSGraphTensor* scores = matmul(q, transpose(k, 4), 4, s.head_dim, pd);
  if (pd != DType::F32) scores = cast(scores, DType::F32);
  scores = mul(scores, scalar(double(scale)));
  if (MPSGraphTensor* mask = mask_of(DType::F32)) scores = add(scores, mask);
  MPSGraphTensor* p = [graph_ softMaxWithTensor:scores axis:3 name:nil];
  if (pd != DType::F32) p = cast(p, pd);
  MPSGraphTensor* o = matmul(p, v, 4, s.kv_seq, pd);
  if (pd != d) o = cast(o, d);
  output_ = result(o, qd, d);
  info_.set("path", "fallback").set("fused", false).set("why_unfused", why_unfused)
      .set("algo", std::string("MPSGraph matmul Q·Kᵀ, f32 scale + mask + softMax, matmul P·V") +
                       (f32_products ? " (products in f32: batched half matmul on Apple10, pytorch#180776)" : ""));
  if (f32_products) info_.set("workaround", "attention products in f32 on Apple10 (pytorch#180776)");
}

}  // namespace mpsbench::mps::detail
