// mpsbench-runner-mps: the shared harness serving an MPSGraph backend on the Apple GPU (protocol.md).
// Never compiled by Apple clang or run by its authors (no Mac): every API call below was checked
// against real Apple SDK headers (../shared/tools/apple-sdk-check.sh) and the review in docs/mps.md;
// docs/mps.md also says what a first run on a Mac must confirm.
//
// Design: one MPSGraph per case, compiled once into an MPSGraphExecutable (optimisation level 0,
// GPU only) and specialised in prepare; every input and output is an MTLBuffer in shared storage
// wrapped in MPSGraphTensorData (no copies); inputs and results are passed in the executable's own
// feed/target order. run_batch encodes `iters` iterations into one MPSCommandBuffer with MPSGraph's
// commitAndContinue switched off where it can be, and returns the GPU span of the command buffers
// that received work (gpu_timeline.h); the host time of encoding is reported beside it (T1).
// train: weights and biases are placeholders fed from buffers; each step writes W', b' into the other
// buffer of a ping-pong pair (never into a buffer it reads), so step i reads set i%2 and writes the
// other. The backward pass is written out explicitly (protocol.md §4), not taken from autodiff.
// Known MPSGraph bugs are worked around or refused by the guards of mps_guards.h.
#import <Foundation/Foundation.h>
#import <Metal/Metal.h>
#import <MetalPerformanceShaders/MetalPerformanceShaders.h>
#import <MetalPerformanceShadersGraph/MetalPerformanceShadersGraph.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "gpu_timeline.h"
#include "mps_device.h"
#include "mps_guards.h"
#include "mpsbench/backend.h"
#include "mpsbench/error.h"
#include "mpsbench/host_info.h"
#include "mpsbench/layout.h"
#include "mpsbench/runner_main.h"

#if !__has_feature(objc_arc)
#error "mps_backend.mm must be compiled with -fobjc-arc"
#endif

// The flags this file is compiled with (backend.cmake), for hello's build.flags (N7).
#ifndef MPSBENCH_OBJCXX_FLAGS
#define MPSBENCH_OBJCXX_FLAGS ""
#endif

// MPSGraph's switch for its internal commitAndContinue heuristic: not in the public headers. PyTorch
// declares it on MPSGraphExecutionDescriptor (aten/src/ATen/mps/MPSStream.mm) and turns it off;
// it is set here only after respondsToSelector: says it exists.
@interface MPSGraphExecutableExecutionDescriptor (MpsbenchPrivate)
@property(readwrite, atomic) BOOL enableCommitAndContinue;
@end

namespace mpsbench {
namespace {

using namespace mps;
using Dims = std::vector<int64_t>;

double elapsed_ns(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - since).count();
}

/// Runs `f` inside an autorelease pool and rethrows its exception after the pool is drained (an
/// @autoreleasepool is not drained when an exception leaves it: L2 of the review).
template <typename F>
auto in_pool(F&& f) {
  using R = decltype(f());
  std::exception_ptr error;
  if constexpr (std::is_void_v<R>) {
    @autoreleasepool {
      try {
        f();
      } catch (...) {
        error = std::current_exception();
      }
    }
    if (error) std::rethrow_exception(error);
  } else {
    std::optional<R> out;
    @autoreleasepool {
      try {
        out.emplace(f());
      } catch (...) {
        error = std::current_exception();
      }
    }
    if (error) std::rethrow_exception(error);
    return std::move(*out);
  }
}

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

/// MLX's allocator collects garbage above 0.95 × recommendedMaxWorkingSetSize
/// (ml-explore/mlx mlx/backend/metal/allocator.cpp, gc_limit_); a case above that would page (N5).
constexpr double kWorkingSetShare = 0.95;

class MpsBackend : public Backend {
 public:
  MpsBackend() {
    device_ = MTLCreateSystemDefaultDevice();  // needs CoreGraphics linked in a command-line tool
    if (!device_) {
      throw BackendError(ErrorKind::Internal,
                         "no Metal device: MTLCreateSystemDefaultDevice returned nil (headless or virtualised session?)");
    }
    queue_ = [device_ newCommandQueue];
    if (!queue_) throw BackendError(ErrorKind::Internal, "newCommandQueue returned nil");
    mac_ = mac_facts();
    facts_.os = mac_.os.version;
    facts_.family = gpu_family(device_, facts_.os);
    paravirtual_ = [device_.name isEqualToString:@"Apple Paravirtual device"] ||
                   ![device_ supportsFamily:MTLGPUFamilyApple7];
    execution_ = [MPSGraphExecutableExecutionDescriptor new];
    if ([execution_ respondsToSelector:@selector(setEnableCommitAndContinue:)]) {
      execution_.enableCommitAndContinue = NO;  // one command buffer per batch: a clean span (T2)
      commit_and_continue_ = "disabled (private enableCommitAndContinue = NO, as PyTorch's MPSStream.mm does)";
    } else {
      commit_and_continue_ = "left to MPSGraph (its private switch is absent): see command_buffers_last_batch";
    }
  }

  BackendInfo info() override {
    return in_pool([&] {
      const HostInfo host = host_info();
      BackendInfo info;
      info.backend = "mps";
      info.runner_name = "mpsbench-runner-mps";
      info.device = DeviceInfo{str(device_.name), "gpu", static_cast<int64_t>(device_.recommendedMaxWorkingSetSize),
                               gpu_core_count(), 1};
      const std::string os = "macOS " + version_string(facts_.os);
      info.libraries.set("mpsgraph", "MetalPerformanceShadersGraph (" + os + ", SDK " + mac_.sdk + ")");
      info.build_flags = MPSBENCH_OBJCXX_FLAGS;
      // The paravirtual GPU may report no GPU times (N4): its cases are timed by the wall clock.
      info.timer = paravirtual_ ? "wall" : "gpu";
      std::vector<DType> matmul{DType::F32, DType::F16};
      if (bf16_available()) matmul.push_back(DType::BF16);
      info.workloads = {{Workload::Matmul, matmul},
                        {Workload::Conv2d, {DType::F32, DType::F16}},
                        {Workload::Train, {DType::F32}}};
      std::string architecture;
#if MPSBENCH_SDK_14
      if (@available(macOS 14.0, *)) architecture = str(device_.architecture.name);
#endif
      info.info.set("gpu_family", facts_.family > 0 ? "Apple" + std::to_string(facts_.family) : "none")
          .set("architecture", architecture)
          .set("unified_memory", static_cast<bool>(device_.hasUnifiedMemory))
          .set("recommended_max_working_set_bytes", static_cast<int64_t>(device_.recommendedMaxWorkingSetSize))
          .set("max_buffer_length", static_cast<int64_t>(device_.maxBufferLength))
          .set("host_memory_bytes", host.memory_bytes)
          .set("cpu", host.cpu_name)
          .set("performance_cores", sysctl_int("hw.perflevel0.physicalcpu"))
          .set("efficiency_cores", sysctl_int("hw.perflevel1.physicalcpu"))
          .set("os", os)
          .set("os_reported", mac_.reported)
          .set("os_build", mac_.build)
          .set("darwin", mac_.kernel)
          .set("sdk", mac_.sdk)
          .set("thermal_state", thermal_state())
          .set("low_power_mode", low_power_mode())
          .set("paravirtual", paravirtual_)
          .set("commit_and_continue", commit_and_continue_)
          .set("timer", paravirtual_ ? "host wall clock (paravirtual GPU)"
                                     : "GPU span of the batch's command buffers (first GPUStartTime to last "
                                       "GPUEndTime); host encoding excluded, reported as encode_samples_ns");
      if (mac_.os.compatibility_version) {
        info.info.set("os_note", "the process was shown macOS " + mac_.reported +
                                     " (a compatibility version: the runner was built with SDK " + mac_.sdk +
                                     "); the kernel says " + os);
      }
      if (paravirtual_) {
        info.info.set("warning", "paravirtual GPU (virtual machine): not suitable for timing; numbers from it must not be published");
      }
      return info;
    });
  }

  void prepare(const CaseSpec& spec, const CaseInputs& in) override {
    if (paravirtual_ && !allow_paravirtual()) {
      throw BackendError(ErrorKind::Unsupported,
                         "Apple Paravirtual device (a virtual machine's GPU): not suitable for timing; "
                         "set MPSBENCH_ALLOW_PARAVIRTUAL=1 (mpsbench run --allow-paravirtual) to run anyway");
    }
    if (spec.workload == Workload::Train && spec.dtype != DType::F32) {
      throw BackendError(ErrorKind::Unsupported, "train: f32 only");
    }
    (void)mps_type(spec.dtype);  // throws unsupported for tf32, and for bf16 before macOS 14
    spec_ = spec;
    switch (spec.workload) {  // the guards refuse before anything is allocated
      case Workload::Matmul: matmul_plan_ = plan_matmul(spec.matmul, spec.dtype, facts_); guard_note_ = matmul_plan_.note; break;
      case Workload::Conv2d: conv_plan_ = plan_conv(spec.conv, facts_); guard_note_ = conv_plan_.note; break;
      case Workload::Train: guard_note_ = train_note(spec.train, facts_); break;
    }
    const auto start = std::chrono::steady_clock::now();
    in_pool([&] { build_and_compile(in); });
    compile_ns_ = elapsed_ns(start);
  }

  std::optional<double> run_batch(int64_t iters) override {
    if (!exe_) throw BackendError(ErrorKind::Internal, "no case prepared");
    const auto start = std::chrono::steady_clock::now();
    const GpuBatchTime t = in_pool([&] { return encode_and_wait(iters, start); });
    if (first_batch_ns_ < 0) first_batch_ns_ = elapsed_ns(start);
    if (paravirtual_) return std::nullopt;  // the harness's wall clock (N4)
    return t.span_ns;
  }

  std::optional<double> host_encode_ns() const override {
    if (paravirtual_ || encode_ns_ < 0) return std::nullopt;
    return encode_ns_;
  }

  std::vector<float> output() override {
    return in_pool([&] {
      if (!exe_ || spec_.workload == Workload::Train) throw BackendError(ErrorKind::Internal, "no output to read");
      std::vector<float> out = load(output_);
      if (spec_.workload == Workload::Conv2d && spec_.conv.nhwc) {
        const ConvSpec& c = spec_.conv;
        out = to_nchw(out, c.n, c.k, c.p() * c.q());
      }
      return out;
    });
  }

  TrainTrace train_trace() override {
    return in_pool([&] {
      if (!exe_ || spec_.workload != Workload::Train) throw BackendError(ErrorKind::Internal, "no train step to read");
      TrainTrace t;
      const size_t latest = size_t(step_ % 2);  // step i writes W, b into set (i + 1) % 2
      for (const Storage& s : z_) t.z.push_back(load(s));
      for (const Storage& s : h_) t.h.push_back(load(s));
      for (const Storage& s : dz_) t.dz.push_back(load(s));
      for (const auto& pair : w_) t.w.push_back(load(pair[latest]));
      for (const auto& pair : b_) t.b.push_back(load(pair[latest]));
      t.loss = double(load(loss_)[0]);
      return t;
    });
  }

  int64_t mem_bytes() const override { return mem_bytes_; }

  Json case_info() const override {
    return in_pool([&] {
      Json info = Json::object()
                      .set("algo", "MPSGraphExecutable, optimization level 0, specialised in prepare")
                      .set("compile_ns", compile_ns_)
                      .set("first_batch_ns", first_batch_ns_)
                      .set("command_buffers_last_batch", last_.buffers)
                      .set("gpu_busy_ns_last_batch", last_.busy_ns)
                      .set("gpu_span_ns_last_batch", last_.span_ns)
                      .set("encode_ns_last_batch", encode_ns_)
                      .set("gpu_interval", "first GPUStartTime to last GPUEndTime of the command buffers that received work")
                      .set("commit_and_continue", commit_and_continue_)
                      .set("thermal_state_after", thermal_state())
                      .set("low_power_mode_after", low_power_mode());
      if (!guard_note_.empty()) info.set("workaround", guard_note_);
      if (spec_.workload == Workload::Conv2d) info.set("layout", spec_.conv.nhwc ? "nhwc" : "nchw").set("weights", "oihw");
      if (spec_.workload == Workload::Train) {
        info.set("train", "explicit forward/backward ops, weights as placeholders in ping-pong buffers, SGD by "
                          "subtraction; every staged-check intermediate is a target (as in the CPU backend)");
      }
      if (paravirtual_) info.set("paravirtual", true);
      return info;
    });
  }

  void release() noexcept override {
    @autoreleasepool {  // the executable and buffers are deallocated here
      graph_ = nil;
      exe_ = nil;
      feeds_ = nil;
      targets_ = nil;
      inputs_[0] = inputs_[1] = nil;
      results_[0] = results_[1] = nil;
      inputs_bound_.clear();
      outputs_bound_.clear();
      storage_.clear();
      output_ = Storage();
      loss_ = Storage();
      z_.clear();
      h_.clear();
      dz_.clear();
      w_.clear();
      b_.clear();
    }
    step_ = 0;
    mem_bytes_ = 0;
    compile_ns_ = 0;
    first_batch_ns_ = -1;
    encode_ns_ = -1;
    last_ = GpuBatchTime();
    matmul_plan_ = MatmulPlan();
    conv_plan_ = ConvPlan();
    guard_note_.clear();
  }

 private:
  id<MTLDevice> device_ = nil;
  id<MTLCommandQueue> queue_ = nil;
  MacFacts mac_;
  DeviceFacts facts_;
  bool paravirtual_ = false;
  MPSGraphExecutableExecutionDescriptor* execution_ = nil;
  std::string commit_and_continue_;

  // The prepared case.
  CaseSpec spec_;
  MatmulPlan matmul_plan_;
  ConvPlan conv_plan_;
  std::string guard_note_;
  MPSGraph* graph_ = nil;
  MPSGraphExecutable* exe_ = nil;
  NSMutableDictionary<MPSGraphTensor*, MPSGraphShapedType*>* feeds_ = nil;
  NSMutableArray<MPSGraphTensor*>* targets_ = nil;
  std::vector<Binding> inputs_bound_, outputs_bound_;
  NSArray<MPSGraphTensorData*>* inputs_[2] = {nil, nil};   // by parity, in the executable's feed order
  NSArray<MPSGraphTensorData*>* results_[2] = {nil, nil};  // by parity, in its target order
  std::vector<Storage> storage_;                           // every buffer of the case
  Storage output_, loss_;
  std::vector<Storage> z_, h_, dz_;
  std::vector<std::array<Storage, 2>> w_, b_;  // ping-pong sets per layer
  int64_t step_ = 0;  // iterations run since prepare
  int64_t mem_bytes_ = 0;
  double compile_ns_ = 0;       // graph build, compile and specialisation (host wall)
  double first_batch_ns_ = -1;  // host wall time of the first batch (the verification step)
  double encode_ns_ = -1;       // host time the last batch spent encoding and committing
  GpuBatchTime last_;           // the last batch's command buffers

  static bool allow_paravirtual() {
    const char* v = std::getenv("MPSBENCH_ALLOW_PARAVIRTUAL");
    return v && std::strcmp(v, "1") == 0;
  }

  /// Builds the case's graph, compiles it (waiting for the compile: T4) and specialises it for the
  /// feeds' shapes, so that neither happens inside a timed batch; orders the tensor data.
  void build_and_compile(const CaseInputs& in) {
    graph_ = [MPSGraph new];
    graph_.options = MPSGraphOptionsNone;
    feeds_ = [NSMutableDictionary dictionary];
    targets_ = [NSMutableArray array];
    switch (spec_.workload) {
      case Workload::Matmul: build_matmul(in); break;
      case Workload::Conv2d: build_conv2d(in); break;
      case Workload::Train: build_train(in); break;
    }
    MPSGraphCompilationDescriptor* compilation = [MPSGraphCompilationDescriptor new];
    compilation.optimizationLevel = MPSGraphOptimizationLevel0;  // GPU only (Level1 may place work on the ANE/CPU)
    if (@available(macOS 13.0, *)) compilation.waitForCompilationCompletion = YES;  // defaults to NO (MPSGraph.h)
    MPSGraphDevice* device = [MPSGraphDevice deviceWithMTLDevice:device_];
    exe_ = [graph_ compileWithDevice:device feeds:feeds_ targetTensors:targets_ targetOperations:nil
               compilationDescriptor:compilation];
    if (!exe_) throw BackendError(ErrorKind::Internal, "compileWithDevice returned nil");
    exe_.options = MPSGraphOptionsNone;
    NSArray<MPSGraphTensor*>* feed_order = exe_.feedTensors;
    NSArray<MPSGraphTensor*>* target_order = exe_.targetTensors;
    if (!feed_order || !target_order) {  // creation order is not documented to match (R4)
      throw BackendError(ErrorKind::Internal, "the executable reports no feedTensors/targetTensors order");
    }
    NSMutableArray<MPSGraphType*>* input_types = [NSMutableArray arrayWithCapacity:feed_order.count];
    for (MPSGraphTensor* t in feed_order) {
      MPSGraphShapedType* type = feeds_[t];
      if (!type) throw BackendError(ErrorKind::Internal, "an executable feed tensor is not in the graph");
      [input_types addObject:type];
    }
    [exe_ specializeWithDevice:device inputTypes:input_types compilationDescriptor:compilation];
    for (size_t p = 0; p < 2; ++p) {
      inputs_[p] = ordered(feed_order, inputs_bound_, p, "feed");
      results_[p] = ordered(target_order, outputs_bound_, p, "target");
    }
  }

  /// Encodes `iters` iterations, commits, waits on every root and checks each; returns the batch's
  /// GPU time (also kept in last_) and records the host encode time in encode_ns_.
  GpuBatchTime encode_and_wait(int64_t iters, std::chrono::steady_clock::time_point start) {
    MPSCommandBuffer* cb = [MPSCommandBuffer commandBufferFromCommandQueue:queue_];
    RootLog log;
    NSMutableArray<id<MTLCommandBuffer>>* roots = [NSMutableArray array];  // kept alive, in log order
    const auto seen = [&](id<MTLCommandBuffer> root, bool before) {
      if (roots.lastObject != root) [roots addObject:root];
      const void* key = (__bridge const void*)root;
      if (before) {
        log.before_encode(key);
      } else {
        log.after_encode(key);
      }
    };
    std::string failure;
    @try {
      for (int64_t i = 0; i < iters; ++i) {
        @autoreleasepool {
          const size_t parity = size_t(step_ % 2);
          seen(cb.rootCommandBuffer, true);
          [exe_ encodeToCommandBuffer:cb inputsArray:inputs_[parity] resultsArray:results_[parity]
                  executionDescriptor:execution_];
          ++step_;
          seen(cb.rootCommandBuffer, false);
        }
      }
    } @catch (NSException* e) {
      failure = "MPSGraph encode raised " + str(e.name) + ": " + str(e.reason);
    }
    [cb commit];  // commits the current root; earlier roots were committed by commitAndContinue
    encode_ns_ = elapsed_ns(start);
    ErrorKind kind = ErrorKind::Internal;
    for (id<MTLCommandBuffer> root in roots) [root waitUntilCompleted];
    for (NSUInteger i = 0; i < roots.count; ++i) {
      id<MTLCommandBuffer> root = roots[i];
      if (failure.empty() && root.status != MTLCommandBufferStatusCompleted) {
        failure = "command buffer " + std::to_string(i + 1) + " of " + std::to_string(roots.count) +
                  " failed: " + str(root.error.localizedDescription);
        if ([root.error.domain isEqualToString:MTLCommandBufferErrorDomain] &&
            root.error.code == static_cast<NSInteger>(MTLCommandBufferErrorOutOfMemory)) {  // N2
          kind = ErrorKind::Oom;
        }
      }
      log.roots()[i].gpu_start_s = root.GPUStartTime;
      log.roots()[i].gpu_end_s = root.GPUEndTime;
    }
    last_ = summarize_batch(log.roots());
    if (failure.empty() && !paravirtual_ && !last_.error.empty()) failure = last_.error;
    if (!failure.empty()) throw BackendError(kind, failure);
    return last_;
  }

  /// A new shared buffer for a tensor of `dims` and `dtype`, optionally filled with `values`.
  Storage allocate(const Dims& dims, DType dtype, const std::vector<float>* values = nullptr) {
    Storage s;
    s.dtype = dtype;
    s.count = count_of(dims);
    const size_t bytes = s.count * size_t(dtype_size(dtype));
    const double limit = kWorkingSetShare * double(device_.recommendedMaxWorkingSetSize);
    if (double(mem_bytes_) + double(bytes) > limit) {
      throw BackendError(ErrorKind::Oom, "the case needs more than 0.95 x recommendedMaxWorkingSetSize (" +
                                             std::to_string(int64_t(limit)) + " bytes): it would page, not run on the GPU's working set");
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
  static NSArray<MPSGraphTensorData*>* ordered(NSArray<MPSGraphTensor*>* order, const std::vector<Binding>& bindings,
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

/// The MPS backend, constructed inside an autorelease pool (Metal's device discovery autoreleases).
/// It computes on the GPU with one host thread whatever MPSBENCH_THREADS says (validated by the harness).
std::unique_ptr<Backend> make_backend(const RunnerEnv&) {
  return in_pool([] { return std::unique_ptr<Backend>(std::make_unique<MpsBackend>()); });
}

}  // namespace mpsbench
