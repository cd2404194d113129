// The class behind every MPS case graph (see mps_graph.h), shared by the workload builders:
// mps_graph.mm (matmul, conv2d, train), mps_attention.mm, mps_bandwidth.mm, mps_infer.mm.
// Buffers, bindings and the graph building blocks live here; each builder is one member function.
// Internal to the MPS backend (Objective-C++, ARC).
#pragma once

#import <Foundation/Foundation.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "mps_graph.h"
#include "mpsbench/error.h"
#include "mpsbench/layout.h"

namespace mpsbench::mps::detail {

using Dims = std::vector<int64_t>;

inline MPSShape* shape_of(const Dims& dims) {
  NSMutableArray<NSNumber*>* shape = [NSMutableArray arrayWithCapacity:dims.size()];
  for (int64_t d : dims) [shape addObject:@(d)];
  return shape;
}

inline size_t count_of(const Dims& dims) {
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
      case Workload::Attention: build_attention(in); break;
      case Workload::Bandwidth: build_bandwidth(in); break;
      case Workload::Infer: build_infer(in); break;
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
  Json info() const override { return info_; }

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
  Json info_ = Json::object();  // what the workload's builder chose (path, algo, workaround)

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
  MPSGraphTensor* scalar(double v, DType d) { return [graph_ constantWithScalar:v dataType:mps_type(d)]; }
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

  /// One dense layer of the MLP in `d`: x [batch][k] · w [k][out] + bias [out] (bias broadcasts);
  /// the forward step of both train and infer.
  MPSGraphTensor* dense(MPSGraphTensor* x, MPSGraphTensor* w, MPSGraphTensor* bias, int64_t k, DType d) {
    return add(matmul(x, w, 2, k, d), bias);
  }

  // ---- the workload builders, one member each ----------------------------------------------------
  void build_matmul(const CaseInputs& in);      // mps_graph.mm
  void build_conv2d(const CaseInputs& in);      // mps_graph.mm
  void build_train(const CaseInputs& in);       // mps_graph.mm
  void build_attention(const CaseInputs& in);   // mps_attention.mm
  void build_bandwidth(const CaseInputs& in);   // mps_bandwidth.mm
  void build_infer(const CaseInputs& in);       // mps_infer.mm
};

}  // namespace mpsbench::mps::detail
