// One prepared MPS case as an MPSGraph: the graph of its workload (with the guards' rewrites), the
// shared-storage buffers behind every placeholder and target, and the train step's ping-pong sets
// (Objective-C++; the implementation is mps_case_graph.h and one builder per workload). The backend compiles the graph, runs it and reads the results back through this.
#pragma once

#import <Metal/Metal.h>
#import <MetalPerformanceShadersGraph/MetalPerformanceShadersGraph.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "mps_guards.h"
#include "mpsbench/backend.h"

namespace mpsbench::mps {

/// The MPSDataType of `d`; throws `unsupported` for tf32, and for bf16 before macOS 14 or an SDK 14.
MPSDataType mps_type(DType d);

/// Whether this runner and macOS have bf16 (SDK 14 at build time, macOS 14 at run time).
bool bf16_available();

/// The graph and buffers of one case.
class CaseGraph {
 public:
  virtual ~CaseGraph() = default;
  /// The graph to compile, with its placeholders' shaped types and its targets in creation order.
  virtual MPSGraph* graph() const = 0;
  virtual NSDictionary<MPSGraphTensor*, MPSGraphShapedType*>* feeds() const = 0;
  virtual NSArray<MPSGraphTensor*>* targets() const = 0;
  /// The tensor data for step parity `parity` (0 even, 1 odd), in the executable's `order` of its
  /// feed tensors (`inputs` true) or target tensors; an `internal` error for any mismatch (R4).
  virtual NSArray<MPSGraphTensorData*>* ordered(NSArray<MPSGraphTensor*>* order, bool inputs, size_t parity) const = 0;
  /// The output (matmul C, conv2d Y, attention O, bandwidth's written array, infer logits) in
  /// logical order, as float.
  virtual std::vector<float> output() const = 0;
  /// The train intermediates after `steps` steps (the latest W, b are in set steps % 2).
  virtual TrainTrace trace(int64_t steps) const = 0;
  /// Bytes of the buffers allocated.
  virtual int64_t mem_bytes() const = 0;
  /// What the workload's builder chose (attention: `path`, `fused`, `why_unfused`; `workaround`), for
  /// the run reply's info; empty for matmul, conv2d and train, whose choices the backend's plans hold.
  virtual Json info() const = 0;
};

/// Builds the graph and buffers of `spec` on `device` with the guards' plans; buffers beyond
/// `max_bytes` in total are refused as `oom` (N5).
std::unique_ptr<CaseGraph> build_case_graph(id<MTLDevice> device, const DeviceFacts& facts, const CaseSpec& spec,
                                            const MatmulPlan& matmul_plan, const ConvPlan& conv_plan,
                                            const CaseInputs& in, double max_bytes);

}  // namespace mpsbench::mps
