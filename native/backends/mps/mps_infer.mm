// The MPS backend's infer builder (see mps_case_graph.h): the forward pass of the train step's MLP
// (the same dense() layers and ReLU), weights and biases as placeholders fed from buffers, logits out.
#include "mps_case_graph.h"

#if !__has_feature(objc_arc)
#error "mps_infer.mm must be compiled with -fobjc-arc"
#endif

namespace mpsbench::mps::detail {

void CaseGraphImpl::build_infer(const CaseInputs& in) {
  const InferSpec& s = spec_.infer;
  const DType d = spec_.dtype;
  const size_t n = s.depth();
  MPSGraphTensor* act = input({s.batch, s.layers[0]}, d, in.train_x);
  for (size_t l = 1; l <= n; ++l) {
    MPSGraphTensor* w = input({s.layers[l - 1], s.layers[l]}, d, in.weights[l - 1]);
    MPSGraphTensor* bias = input({s.layers[l]}, d, in.biases[l - 1]);
    MPSGraphTensor* z = dense(act, w, bias, s.layers[l - 1], d);
    act = l < n ? [graph_ reLUWithTensor:z name:nil] : z;
  }
  output_ = result(act, {s.batch, s.layers[n]}, d);
  info_.set("path", "mpsgraph-forward").set("algo", "MPSGraph matmul + bias + ReLU per layer (the train step's forward)");
}

}  // namespace mpsbench::mps::detail
