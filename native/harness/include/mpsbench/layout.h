// Layout conversions between the harness's canonical tensors and the layouts backends store.
#pragma once

#include <cstdint>
#include <vector>

namespace mpsbench {

/// [outer][ch][inner] → [outer][inner][ch]: NCHW → NHWC for data, KCRS → KRSC for weights. The
/// harness generates and verifies in the canonical order (protocol §4); an NHWC backend converts
/// on upload with this and back with `to_nchw`.
std::vector<float> to_nhwc(const std::vector<float>& v, int64_t outer, int64_t ch, int64_t inner);

/// [outer][inner][ch] → [outer][ch][inner]: the inverse of `to_nhwc`.
std::vector<float> to_nchw(const std::vector<float>& v, int64_t outer, int64_t ch, int64_t inner);

}  // namespace mpsbench
