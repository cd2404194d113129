// The MPS backend's case graphs (see mps_graph.h): buffers, bindings and the three workload builders.
#import <Foundation/Foundation.h>

#include <array>
#include <cstring>
#include <string>

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

namespace {

using Dims = std::vector<int64_t>;

MPSShape* shape_of(const Dims& dims) {
  NSMutableArray<NSNumber*>* shape = [NSMutableArray arrayWithCapacity:dims.size()];
  for (int64_t d : dims) [shape addObject:@(d)];
  return shape;
}

size_t count_of(const Dims& dims) {
  size_t n = 1;
  for (int64_t d : dims) n *= size_t(d);
  return n;
}

/// One tensor's storage: a shared-storage MTLBuffer and the MPSGraphTensorData that wraps it.
struct Storage {
  id<MTLBuffer> buffer = nil;
  MPSGraphTensorData* data = nil;
  DType dtype = DType::F32;
  size_t count = 0;
};

/// A graph tensor and the storage it is fed from (placeholders) or written to (targets), per step
/// parity: data[0] on even steps, data[1] on odd steps (the same for everything but train W and b).
struct Binding {
  MPSGraphTensor* tensor = nil;
  MPSGraphTensorData* data[2] = {nil, nil};
};

class CaseGraphImpl final : public CaseGraph {
 public:
  CaseGraphImpl(id<MTLDevice> device, const DeviceFacts& facts, const CaseSpec& spec, const MatmulPlan& matmul_plan,
                const ConvPlan& conv_plan, double max_bytes)
      : device_(device), facts_(facts), spec_(spec), matmul_plan_(matmul_plan), conv_plan_(conv_plan),
        max_bytes_(max_bytes) {
    graph_ = [MPSGraph new];
    graph_.options = MPSGraphOptionsNone;
    feeds_ = [NSMutableDictionary dictionary];
    targets_ = [NSMutableArray array];
  }

  void build(const CaseInputs& in) {
    switch (spec_.workload) {
      case Workload::Matmul: build_matmul(in); break;
      case Workload::Conv2d: build_conv2d(in); break;
      case Workload::Train: build_train(in); break;
      default: break;  // refused in prepare
    }
  }

  MPSGraph* graph() const override { return graph_; }
  NSDictionary<MPSGraphTensor*, MPSGraphShapedType*>* feeds() const override { return feeds_; }
  NSArray<MPSGraphTensor*>* targets() const override { return targets_; }
  NSArray<MPSGraphTensorData*>* ordered(NSArray<MPSGraphTensor*>* order, bool inputs, size_t parity) const override {
    return inputs ? in_order(order, inputs_bound_, parity, "feed") : in_order(order, outputs_bound_, parity, "target");
  }

  std::vector<float> output() const override {
    if (spec_.workload == Workload::Train) throw BackendError(ErrorKind::Internal, "no output to read");
    std::vector<float> out = load(output_);
    if (spec_.workload == Workload::Conv2d && spec_.conv.nhwc) {
      const ConvSpec& c = spec_.conv;
      out = to_nchw(out, c.n, c.k, c.p() * c.q());
    }
    return out;
  }

  TrainTrace trace(int64_t steps) const override {
    if (spec_.workload != Workload::Train) throw BackendError(ErrorKind::Internal, "no train step to read");
    TrainTrace t;
    const size_t latest = size_t(steps % 2);  // step i writes W, b into set (i + 1) % 2
    for (const Storage& s : z_) t.z.push_back(load(s));
    for (const Storage& s : h_) t.h.push_back(load(s));
    for (const Storage& s : dz_) t.dz.push_back(load(s));
    for (const auto& pair : w_) t.w.push_back(load(pair[latest]));
    for (const auto& pair : b_) t.b.push_back(load(pair[latest]));
    t.loss = double(load(loss_)[0]);
    return t;
  }

  int64_t mem_bytes() const override { return mem_bytes_; }

 private:
  id<MTLDevice> device_;
  DeviceFacts facts_;
  CaseSpec spec_;
  MatmulPlan matmul_plan_;
  ConvPlan conv_plan_;
  double max_bytes_;
  MPSGraph* graph_ = nil;
  NSMutableDictionary<MPSGraphTensor*, MPSGraphShapedType*>* feeds_ = nil;
  NSMutableArray<MPSGraphTensor*>* targets_ = nil;  // in creation order
  std::vector<Binding> inputs_bound_, outputs_bound_;
  std::vector<Storage> storage_;  // every buffer of the case
  Storage output_, loss_;
  std::vector<Storage> z_, h_, dz_;
  std::vector<std::array<Storage, 2>> w_, b_;  // ping-pong sets per layer
  int64_t mem_bytes_ = 0;

  /// A new shared buffer for a tensor of `dims` and `dtype`, optionally filled with `values`.
  Storage allocate(const Dims& dims, DType dtype, const std::vector<float>* values = nullptr) {
    Storage s;
    s.dtype = dtype;
    s.count = count_of(dims);
    const size_t bytes = s.count * size_t(dtype_size(dtype));
    if (double(mem_bytes_) + double(bytes) > max_bytes_) {
      throw BackendError(ErrorKind::Oom, "the case needs more than 0.95 x recommendedMaxWorkingSetSize (" +
                                             std::to_string(int64_t(max_bytes_)) +
                                             " bytes): it would page, not run in the GPU's working set");
    }
    s.buffer = [device_ newBufferWithLength:bytes options:MTLResourceStorageModeShared];
    if (!s.buffer) throw BackendError(ErrorKind::Oom, "newBufferWithLength failed for " + std::to_string(bytes) + " bytes");
    mem_bytes_ += int64_t(s.buffer.length);
    s.data = [[MPSGraphTensorData alloc] initWithMTLBuffer:s.buffer shape:shape_of(dims) dataType:mps_type(dtype)];
    if (!s.data) throw BackendError(ErrorKind::Oom, "MPSGraphTensorData initWithMTLBuffer returned nil");  // N1
    if (values) store(s, *values);
    storage_.push_back(s);
    return s;
  }

  static void store(const Storage& s, const std::vector<float>& values) {
    if (values.size() != s.count) throw BackendError(ErrorKind::Internal, "input size does not match its tensor");
    if (s.dtype == DType::F32) {
      std::memcpy(s.buffer.contents, values.data(), values.size() * sizeof(float));
      return;
    }
    auto* bits = static_cast<uint16_t*>(s.buffer.contents);
    for (size_t i = 0; i < values.size(); ++i) {
      bits[i] = s.dtype == DType::F16 ? f32_to_f16_bits(values[i]) : f32_to_bf16_bits(values[i]);
    }
  }

  static std::vector<float> load(const Storage& s) {
    std::vector<float> out(s.count);
    if (s.dtype == DType::F32) {
      std::memcpy(out.data(), s.buffer.contents, s.count * sizeof(float));
      return out;
    }
    const auto* bits = static_cast<const uint16_t*>(s.buffer.contents);
    for (size_t i = 0; i < s.count; ++i) out[i] = s.dtype == DType::F16 ? f16_bits_to_f32(bits[i]) : bf16_bits_to_f32(bits[i]);
    return out;
  }

  /// A placeholder fed from `even` on even steps and `odd` on odd steps.
  MPSGraphTensor* feed(const Dims& dims, DType dtype, const Storage& even, const Storage& odd) {
    MPSGraphTensor* t = [graph_ placeholderWithShape:shape_of(dims) dataType:mps_type(dtype) name:nil];
    feeds_[t] = [[MPSGraphShapedType alloc] initWithShape:shape_of(dims) dataType:mps_type(dtype)];
    Binding b;
    b.tensor = t;
    b.data[0] = even.data;
    b.data[1] = odd.data;
    inputs_bound_.push_back(b);
    return t;
  }

  /// A placeholder fed from a new buffer holding `values`.
  MPSGraphTensor* input(const Dims& dims, DType dtype, const std::vector<float>& values) {
    const Storage s = allocate(dims, dtype, &values);
    return feed(dims, dtype, s, s);
  }

  /// Makes `t` a target written into `even` on even steps and `odd` on odd steps.
  void target(MPSGraphTensor* t, const Storage& even, const Storage& odd) {
    [targets_ addObject:t];
    Binding b;
    b.tensor = t;
    b.data[0] = even.data;
    b.data[1] = odd.data;
    outputs_bound_.push_back(b);
  }

  /// Makes `t` a target written into a new buffer of `dims`; returns that buffer.
  Storage result(MPSGraphTensor* t, const Dims& dims, DType dtype) {
    const Storage s = allocate(dims, dtype);
    target(t, s, s);
    return s;
  }

  /// The tensor data of `bindings` for `parity`, in the executable's `order`.
  static NSArray<MPSGraphTensorData*>* in_order(NSArray<MPSGraphTensor*>* order, const std::vector<Binding>& bindings,
                                               size_t parity, const char* what) {
    if (order.count != bindings.size()) {
      throw BackendError(ErrorKind::Internal, std::string("the executable has ") + std::to_string(order.count) + " " +
                                                  what + " tensors, the graph " + std::to_string(bindings.size()));
    }
    NSMutableArray<MPSGraphTensorData*>* out = [NSMutableArray arrayWithCapacity:order.count];
    for (MPSGraphTensor* t in order) {
      MPSGraphTensorData* data = nil;
      for (const Binding& b : bindings) {
        if ([b.tensor isEqual:t]) data = b.data[parity];
      }
      if (!data) throw BackendError(ErrorKind::Internal, std::string("an executable ") + what + " tensor is not in the graph");
      [out addObject:data];
    }
    return out;
  }

  // ---- graph building blocks (all declared in the MPSGraph headers; apple-sdk-check.sh) ----------
  MPSGraphTensor* transpose(MPSGraphTensor* t, NSUInteger rank) {
    return [graph_ transposeTensor:t dimension:rank - 2 withDimension:rank - 1 name:nil];
  }
  MPSGraphTensor* swap(MPSGraphTensor* t, NSUInteger a, NSUInteger b) {
    return [graph_ transposeTensor:t dimension:a withDimension:b name:nil];
  }
  MPSGraphTensor* add(MPSGraphTensor* a, MPSGraphTensor* b) {
    return [graph_ additionWithPrimaryTensor:a secondaryTensor:b name:nil];
  }
  MPSGraphTensor* sub(MPSGraphTensor* a, MPSGraphTensor* b) {
    return [graph_ subtractionWithPrimaryTensor:a secondaryTensor:b name:nil];
  }
  MPSGraphTensor* mul(MPSGraphTensor* a, MPSGraphTensor* b) {
    return [graph_ multiplicationWithPrimaryTensor:a secondaryTensor:b name:nil];
  }
  MPSGraphTensor* scalar(double v) { return [graph_ constantWithScalar:v dataType:MPSDataTypeFloat32]; }
  MPSGraphTensor* reshape(MPSGraphTensor* t, const Dims& dims) {
    return [graph_ reshapeTensor:t withShape:shape_of(dims) name:nil];
  }
  MPSGraphTensor* slice(MPSGraphTensor* t, NSUInteger dim, const Span& s) {
    return [graph_ sliceTensor:t dimension:dim start:NSInteger(s.start) length:NSInteger(s.length) name:nil];
  }
  MPSGraphTensor* cast(MPSGraphTensor* t, DType d) { return [graph_ castTensor:t toType:mps_type(d) name:nil]; }
  /// Sum over `axis`, reshaped to `dims` (so the result's rank never depends on keep-dims rules).
  MPSGraphTensor* sum(MPSGraphTensor* t, NSInteger axis, const Dims& dims) {
    return reshape([graph_ reductionSumWithTensor:t axis:axis name:nil], dims);
  }

  /// a [..][M][K] · b [..][K][N] in `d`, the inner dimension split into inner_chunks() on this
  /// device, the partial products summed in f32 (R2: K > 32768 is wrong on Apple7/8).
  MPSGraphTensor* matmul(MPSGraphTensor* a, MPSGraphTensor* b, NSUInteger rank, int64_t k, DType d) {
    const std::vector<Span> chunks = inner_chunks(facts_, k);
    if (chunks.size() == 1) return [graph_ matrixMultiplicationWithPrimaryTensor:a secondaryTensor:b name:nil];
    MPSGraphTensor* total = nil;
    for (const Span& s : chunks) {
      MPSGraphTensor* part = [graph_ matrixMultiplicationWithPrimaryTensor:slice(a, rank - 1, s)
                                                           secondaryTensor:slice(b, rank - 2, s)
                                                                      name:nil];
      if (d != DType::F32) part = cast(part, DType::F32);
      total = total ? add(total, part) : part;
    }
    return d != DType::F32 ? cast(total, d) : total;
  }

  void build_matmul(const CaseInputs& in) {
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

  void build_conv2d(const CaseInputs& in) {
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
  void build_train(const CaseInputs& in) {
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
      z[l - 1] = add(matmul(act[l - 1], w[l - 1], 2, t.layers[l - 1], f32), bias[l - 1]);  // bias [L] broadcasts
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
};

}  // namespace

std::unique_ptr<CaseGraph> build_case_graph(id<MTLDevice> device, const DeviceFacts& facts, const CaseSpec& spec,
                                            const MatmulPlan& matmul_plan, const ConvPlan& conv_plan,
                                            const CaseInputs& in, double max_bytes) {
  auto g = std::make_unique<CaseGraphImpl>(device, facts, spec, matmul_plan, conv_plan, max_bytes);
  g->build(in);
  return g;
}

}  // namespace mpsbench::mps
