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
#include "mps_graph.h"
#include "mps_guards.h"
#include "mpsbench/backend.h"
#include "mpsbench/error.h"
#include "mpsbench/host_info.h"
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
                        {Workload::Train, {DType::F32}},
                        {Workload::Attention, matmul},
                        {Workload::Bandwidth, matmul},
                        {Workload::Infer, matmul}};
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
      case Workload::Infer: guard_note_ = train_note(TrainSpec{spec.infer.layers, spec.infer.batch, 0}, facts_); break;
      case Workload::Attention: case Workload::Bandwidth: break;  // the builder records its choices
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
    return in_pool([&] { return prepared().output(); });
  }

  TrainTrace train_trace() override {
    return in_pool([&] { return prepared().trace(step_); });
  }

  int64_t mem_bytes() const override { return case_ ? case_->mem_bytes() : 0; }

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
      if (case_) {
        for (const auto& [key, value] : case_->info().as_object()) info.set(key, value);
      }
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
    @autoreleasepool {  // the executable, graph and buffers are deallocated here
      exe_ = nil;
      inputs_[0] = inputs_[1] = nil;
      results_[0] = results_[1] = nil;
      case_.reset();
    }
    step_ = 0;
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
  std::unique_ptr<CaseGraph> case_;
  MPSGraphExecutable* exe_ = nil;
  NSArray<MPSGraphTensorData*>* inputs_[2] = {nil, nil};   // by parity, in the executable's feed order
  NSArray<MPSGraphTensorData*>* results_[2] = {nil, nil};  // by parity, in its target order
  int64_t step_ = 0;  // iterations run since prepare
  double compile_ns_ = 0;       // graph build, compile and specialisation (host wall)
  double first_batch_ns_ = -1;  // host wall time of the first batch (the verification step)
  double encode_ns_ = -1;       // host time the last batch spent encoding and committing
  GpuBatchTime last_;           // the last batch's command buffers

  const CaseGraph& prepared() const {
    if (!case_ || !exe_) throw BackendError(ErrorKind::Internal, "no case prepared");
    return *case_;
  }

  static bool allow_paravirtual() {
    const char* v = std::getenv("MPSBENCH_ALLOW_PARAVIRTUAL");
    return v && std::strcmp(v, "1") == 0;
  }

  /// Builds the case's graph, compiles it (waiting for the compile: T4) and specialises it for the
  /// feeds' shapes, so that neither happens inside a timed batch; orders the tensor data.
  void build_and_compile(const CaseInputs& in) {
    case_ = build_case_graph(device_, facts_, spec_, matmul_plan_, conv_plan_, in,
                             kWorkingSetShare * double(device_.recommendedMaxWorkingSetSize));
    MPSGraphCompilationDescriptor* compilation = [MPSGraphCompilationDescriptor new];
    compilation.optimizationLevel = MPSGraphOptimizationLevel0;  // GPU only (Level1 may place work on the ANE/CPU)
    if (@available(macOS 13.0, *)) compilation.waitForCompilationCompletion = YES;  // defaults to NO (MPSGraph.h)
    MPSGraphDevice* device = [MPSGraphDevice deviceWithMTLDevice:device_];
    exe_ = [case_->graph() compileWithDevice:device feeds:case_->feeds() targetTensors:case_->targets()
                            targetOperations:nil compilationDescriptor:compilation];
    if (!exe_) throw BackendError(ErrorKind::Internal, "compileWithDevice returned nil");
    exe_.options = MPSGraphOptionsNone;
    NSArray<MPSGraphTensor*>* feed_order = exe_.feedTensors;
    NSArray<MPSGraphTensor*>* target_order = exe_.targetTensors;
    if (!feed_order || !target_order) {  // creation order is not documented to match (R4)
      throw BackendError(ErrorKind::Internal, "the executable reports no feedTensors/targetTensors order");
    }
    NSMutableArray<MPSGraphType*>* input_types = [NSMutableArray arrayWithCapacity:feed_order.count];
    for (MPSGraphTensor* t in feed_order) {
      MPSGraphShapedType* type = case_->feeds()[t];
      if (!type) throw BackendError(ErrorKind::Internal, "an executable feed tensor is not in the graph");
      [input_types addObject:type];
    }
    [exe_ specializeWithDevice:device inputTypes:input_types compilationDescriptor:compilation];
    for (size_t p = 0; p < 2; ++p) {
      inputs_[p] = case_->ordered(feed_order, true, p);
      results_[p] = case_->ordered(target_order, false, p);
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

};

}  // namespace

/// The MPS backend, constructed inside an autorelease pool (Metal's device discovery autoreleases).
/// It computes on the GPU with one host thread whatever MPSBENCH_THREADS says (validated by the harness).
std::unique_ptr<Backend> make_backend(const RunnerEnv&) {
  return in_pool([] { return std::unique_ptr<Backend>(std::make_unique<MpsBackend>()); });
}

}  // namespace mpsbench
