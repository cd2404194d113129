// The MPS backend's case graphs (see mps_graph.h): dtypes, the matmul, conv2d and train builders, and
// build_case_graph. The class they belong to is in mps_case_graph.h; the other builders have a file each.
#import <Foundation/Foundation.h>

#include <array>
#include <string>

#include "mps_case_graph.h"
#include "mps_device.h"
#include "mps_graph.h"
#include "mpsbench/error.h"
#include "mpsbench/layout.h"

#if !__has_feature(objc_arc)
#error "mps_graph.mm must be compiled with -fobjc-arc"
#endif

namespace mpsbench::mps {

bool bf16_available() {
#if MPSBENCH_SDK_14
  if (@available(macOS 14.0, *)) return true;
#endif
  return false;
}

MPSDataType mps_type(DType d) {
  switch (d) {
    case DType::F32: return MPSDataTypeFloat32;
    case DType::F16: return MPSDataTypeFloat16;
    case DType::BF16:
#if MPSBENCH_SDK_14
      if (@available(macOS 14.0, *)) return MPSDataTypeBFloat16;
#endif
      break;
    case DType::TF32: break;
  }
  throw BackendError(ErrorKind::Unsupported, "dtype " + dtype_name(d) + ": not available in this MPS runner");
}

namespace detail {

void CaseGraphImpl::build_matmul(const CaseInputs& in) {
  const MatmulSpec& m = spec_.matmul;
  const DType d = spec_.dtype;
  const NSUInteger rank = m.batch == 1 ? 2 : 3;  // batch 1 as plain 2-D matrices
  const auto dims = [&](int64_t rows, int64_t cols) { return m.batch == 1 ? Dims{rows, cols} : Dims{m.batch, rows, cols}; };
  MPSGraphTensor* a = input(m.trans_a ? dims(m.k, m.m) : dims(m.m, m.k), d, in.a);
  MPSGraphTensor* b = input(m.trans_b ? dims(m.n, m.k) : dims(m.k, m.n), d, in.b);
  if (m.trans_a) a = transpose(a, rank);
  if (m.trans_b) b = transpose(b, rank);
  MPSGraphTensor* c = nil;
  if (matmul_plan_.per_batch) {  // R1: one 2-D product per batch on Apple10 (f16/bf16)
    NSMutableArray<MPSGraphTensor*>* parts = [NSMutableArray arrayWithCapacity:NSUInteger(m.batch)];
    for (int64_t i = 0; i < m.batch; ++i) {
      MPSGraphTensor* ai = reshape(slice(a, 0, {i, 1}), {m.m, m.k});
      MPSGraphTensor* bi = reshape(slice(b, 0, {i, 1}), {m.k, m.n});
      [parts addObject:reshape(matmul(ai, bi, 2, m.k, d), {1, m.m, m.n})];
    }
    c = [graph_ concatTensors:parts dimension:0 name:nil];
  } else {
    c = matmul(a, b, rank, m.k, d);
  }
  output_ = result(c, dims(m.m, m.n), d);
}

void CaseGraphImpl::build_conv2d(const CaseInputs& in) {
  const ConvSpec& c = spec_.conv;
  const DType d = spec_.dtype;
  // The buffers hold the case's layout; before macOS 15 NHWC data is convolved as NCHW (R3).
  MPSGraphTensor* x = c.nhwc ? input({c.n, c.h, c.w, c.c}, d, to_nhwc(in.x, c.n, c.c, c.h * c.w))
                             : input({c.n, c.c, c.h, c.w}, d, in.x);
  const bool nhwc_graph = c.nhwc && !conv_plan_.nhwc_as_nchw;
  if (conv_plan_.nhwc_as_nchw) x = swap(swap(x, 1, 3), 2, 3);  // N H W C → N C W H → N C H W
  MPSGraphTensor* w = input({c.k, c.c / c.groups, c.r, c.s}, d, in.w);  // OIHW in both layouts
  const auto stride = NSUInteger(c.stride), dilation = NSUInteger(c.dilation), pad = NSUInteger(c.pad);
  MPSGraphConvolution2DOpDescriptor* desc =
      [MPSGraphConvolution2DOpDescriptor descriptorWithStrideInX:stride
                                                       strideInY:stride
                                                 dilationRateInX:dilation
                                                 dilationRateInY:dilation
                                                          groups:NSUInteger(c.groups)
                                                     paddingLeft:pad
                                                    paddingRight:pad
                                                      paddingTop:pad
                                                   paddingBottom:pad
                                                    paddingStyle:MPSGraphPaddingStyleExplicit
                                                      dataLayout:nhwc_graph ? MPSGraphTensorNamedDataLayoutNHWC
                                                                            : MPSGraphTensorNamedDataLayoutNCHW
                                                   weightsLayout:MPSGraphTensorNamedDataLayoutOIHW];
  if (!desc) throw BackendError(ErrorKind::Invalid, "MPSGraphConvolution2DOpDescriptor rejected the parameters");
  MPSGraphTensor* y = [graph_ convolution2DWithSourceTensor:x weightsTensor:w descriptor:desc name:nil];
  if (conv_plan_.nhwc_as_nchw) y = swap(swap(y, 2, 3), 1, 3);  // N K P Q → N K Q P → N P Q K
  output_ = result(y, c.nhwc ? Dims{c.n, c.p(), c.q(), c.k} : Dims{c.n, c.k, c.p(), c.q()}, d);
}

/// One SGD step of the MLP of protocol.md §4, with the intermediates of the staged check as targets.
void CaseGraphImpl::build_train(const CaseInputs& in) {
  const TrainSpec& t = spec_.train;
  const DType f32 = DType::F32;
  const size_t n = t.depth();
  const int64_t batch = t.batch, classes = t.layers[n];
  std::vector<float> onehot(size_t(batch * classes), 0.0f);
  for (int64_t b = 0; b < batch; ++b) onehot[size_t(b * classes + in.labels[size_t(b)])] = 1.0f;
  MPSGraphTensor* labels = input({batch, classes}, f32, onehot);

  std::vector<MPSGraphTensor*> w(n), bias(n), z(n), act(n);  // act[l-1] = h_(l-1), act[0] = x
  act[0] = input({batch, t.layers[0]}, f32, in.train_x);
  for (size_t l = 1; l <= n; ++l) {
    const Dims wd{t.layers[l - 1], t.layers[l]}, bd{t.layers[l]};
    std::array<Storage, 2> wp, bp;
    wp[0] = allocate(wd, f32, &in.weights[l - 1]);
    wp[1] = allocate(wd, f32);
    bp[0] = allocate(bd, f32, &in.biases[l - 1]);
    bp[1] = allocate(bd, f32);
    w_.push_back(wp);
    b_.push_back(bp);
    w[l - 1] = feed(wd, f32, w_.back()[0], w_.back()[1]);
    bias[l - 1] = feed(bd, f32, b_.back()[0], b_.back()[1]);
    z[l - 1] = dense(act[l - 1], w[l - 1], bias[l - 1], t.layers[l - 1], f32);
    z_.push_back(result(z[l - 1], {batch, t.layers[l]}, f32));
    if (l < n) {
      act[l] = [graph_ reLUWithTensor:z[l - 1] name:nil];
      h_.push_back(result(act[l], {batch, t.layers[l]}, f32));
    }
  }

  // Loss = mean over the batch of logsumexp(logits) − logits[label], shifted by the row maximum.
  const Dims column{batch, 1};
  MPSGraphTensor* logits = z[n - 1];
  MPSGraphTensor* shifted = sub(logits, reshape([graph_ reductionMaximumWithTensor:logits axis:1 name:nil], column));
  MPSGraphTensor* exps = [graph_ exponentWithTensor:shifted name:nil];
  MPSGraphTensor* row_sum = sum(exps, 1, column);
  MPSGraphTensor* per_row = sub([graph_ logarithmWithTensor:row_sum name:nil], sum(mul(labels, shifted), 1, column));
  MPSGraphTensor* inv_batch = scalar(1.0 / double(batch));
  loss_ = result(mul(sum(per_row, 0, {1}), inv_batch), {1}, f32);

  // Backward: dz_n = (softmax − onehot) / batch; dW_l = h_(l-1)ᵀ·dz_l; db_l = Σ_b dz_l;
  // dz_(l-1) = (dz_l·W_lᵀ) where z_(l-1) > 0, else 0 (with the W_l this step read).
  std::vector<MPSGraphTensor*> dz(n);
  dz[n - 1] = mul(sub([graph_ divisionWithPrimaryTensor:exps secondaryTensor:row_sum name:nil], labels), inv_batch);
  MPSGraphTensor* lr = scalar(t.lr);
  MPSGraphTensor* zero = scalar(0.0);
  for (size_t l = n; l >= 1; --l) {
    MPSGraphTensor* dw = matmul(transpose(act[l - 1], 2), dz[l - 1], 2, batch, f32);
    MPSGraphTensor* db = sum(dz[l - 1], 0, {t.layers[l]});
    // Step i reads set i%2 and writes the other: targets write set 1 on even steps, set 0 on odd.
    target(sub(w[l - 1], mul(dw, lr)), w_[l - 1][1], w_[l - 1][0]);
    target(sub(bias[l - 1], mul(db, lr)), b_[l - 1][1], b_[l - 1][0]);
    if (l > 1) {
      MPSGraphTensor* back = matmul(dz[l - 1], transpose(w[l - 1], 2), 2, t.layers[l], f32);
      MPSGraphTensor* positive = [graph_ greaterThanWithPrimaryTensor:z[l - 2] secondaryTensor:zero name:nil];
      dz[l - 2] = [graph_ selectWithPredicateTensor:positive truePredicateTensor:back falsePredicateTensor:zero name:nil];
    }
  }
  for (size_t l = 1; l <= n; ++l) dz_.push_back(result(dz[l - 1], {batch, t.layers[l]}, f32));
}

}  // namespace detail

std::unique_ptr<CaseGraph> build_case_graph(id<MTLDevice> device, const DeviceFacts& facts, const CaseSpec& spec,
                                            const MatmulPlan& matmul_plan, const ConvPlan& conv_plan,
                                            const CaseInputs& in, double max_bytes) {
  auto g = std::make_unique<detail::CaseGraphImpl>(device, facts, spec, matmul_plan, conv_plan, max_bytes);
  g->build(in);
  return g;
}

}  // namespace mpsbench::mps
