// The MPS backend's bandwidth builder (see mps_case_graph.h): STREAM copy as an MPSGraph identity of
// the read array into the written buffer, triad as a = b + 3·c in the case's dtype (one multiply and
// one add; whether MPSGraph fuses them is not visible from here), over 1-D arrays of the case's size.
#include "mps_case_graph.h"

#if !__has_feature(objc_arc)
#error "mps_bandwidth.mm must be compiled with -fobjc-arc"
#endif

namespace mpsbench::mps::detail {

void CaseGraphImpl::build_bandwidth(const CaseInputs& in) {
  const BandwidthSpec& s = spec_.bandwidth;
  const DType d = spec_.dtype;
  const Dims dims{s.elements};
  MPSGraphTensor* b = input(dims, d, in.a);
  MPSGraphTensor* out = nil;
  if (s.triad) {
    MPSGraphTensor* c = input(dims, d, in.b);
    out = add(b, mul(c, scalar(kTriadScalar, d)));
    info_.set("path", "mpsgraph-triad").set("algo", "MPSGraph addition(b, multiplication(c, 3)) in the case's dtype");
  } else {
    out = [graph_ identityWithTensor:b name:nil];
    info_.set("path", "mpsgraph-identity").set("algo", "MPSGraph identity of the read array into the written buffer");
  }
  output_ = result(out, dims, d);
}

}  // namespace mpsbench::mps::detail
