// The CUDA backend's conv2d algorithm search: legacy cudnnFind and graph-API engine heuristics,
// each candidate timed with CUDA events on the case's own buffers (see cudnn_conv.h). Compiled only
// when the build found cuDNN.
#include <algorithm>
#include <vector>

#include "cudnn_conv.h"

namespace mpsbench::cuda {
namespace {

constexpr int kGraphCandidates = 8;  // heuristic engine configs timed at most

/// Strides of a logical [d0][d1][d2][d3] tensor stored channels-first (d0 d1 d2 d3) or
/// channels-last (d0 d2 d3 d1).
std::array<int64_t, 4> strides_of(const std::array<int64_t, 4>& d, bool channels_last) {
  if (channels_last) return {d[1] * d[2] * d[3], 1, d[3] * d[1], d[1]};
  return {d[1] * d[2] * d[3], d[2] * d[3], d[3], 1};
}

/// One search over one problem; its results accumulate in `out_`.
class ConvSearch {
 public:
  ConvSearch(const ConvProblem& p, ConvChoice& out)
      : dnn_(p.dnn), stream_(p.stream), d_(p.d), s_(p.s), p_(p.p), q_(p.q), x_(p.x), w_(p.w), y_(p.y),
        x_desc_(p.x_desc), y_desc_(p.y_desc), w_desc_(p.w_desc), conv_(p.conv), requested_math_(p.requested_math),
        out_(out) {}

  /// Times the legacy API's best allowed algorithm and the graph API's allowed engines; the faster
  /// one, with its workspace, ends in out_ (every timed candidate in out_.candidates).
  void choose();

 private:
  /// Mean time of one call of `f` over 10 calls after 2 warm-up calls, in ms (CUDA events).
  template <typename F>
  float time_ms(F&& f) {
    cudaEvent_t a = nullptr, b = nullptr;
    MPSBENCH_CHECK(cudaEventCreate(&a));
    MPSBENCH_CHECK(cudaEventCreate(&b));
    float ms = -1;
    try {
      for (int i = 0; i < 2; ++i) f();
      MPSBENCH_CHECK(cudaEventRecord(a, stream_));
      for (int i = 0; i < 10; ++i) f();
      MPSBENCH_CHECK(cudaEventRecord(b, stream_));
      MPSBENCH_CHECK(cudaEventSynchronize(b));
      MPSBENCH_CHECK(cudaEventElapsedTime(&ms, a, b));
    } catch (...) {
      cudaEventDestroy(a);
      cudaEventDestroy(b);
      throw;
    }
    cudaEventDestroy(a);
    cudaEventDestroy(b);
    return ms / 10;
  }

  /// The largest workspace any legacy algorithm asks for, capped at half the free memory; on OOM, halved.
  DeviceBuffer search_workspace() {
    size_t want = 0;
    for (int a = 0; a < CUDNN_CONVOLUTION_FWD_ALGO_COUNT; ++a) {
      size_t bytes = 0;
      if (cudnnGetConvolutionForwardWorkspaceSize(dnn_, x_desc_, w_desc_, conv_, y_desc_, cudnnConvolutionFwdAlgo_t(a),
                                                  &bytes) == CUDNN_STATUS_SUCCESS) {
        want = std::max(want, bytes);
      }
    }
    want = std::min(want, free_memory() / 2);
    for (;;) {
      try {
        return DeviceBuffer(want);
      } catch (const BackendError& e) {
        if (e.kind() != ErrorKind::Oom || want < (size_t(1) << 20)) throw;
        want /= 2;
      }
    }
  }

  static size_t free_memory() {
    size_t free_bytes = 0, total_bytes = 0;
    MPSBENCH_CHECK(cudaMemGetInfo(&free_bytes, &total_bytes));
    return free_bytes;
  }

  /// Legacy API: cudnnFind's fastest allowed algorithm, its workspace allocated; false if none.
  bool legacy_best(cudnnConvolutionFwdAlgo_t& algo, cudnnMathType_t& math, DeviceBuffer& ws) {
    int max_algos = 0;
    MPSBENCH_CHECK(cudnnGetConvolutionForwardAlgorithmMaxCount(dnn_, &max_algos));
    std::vector<cudnnConvolutionFwdAlgoPerf_t> perf(size_t(std::max(max_algos, 1)));
    int returned = 0;
    {
      DeviceBuffer search = search_workspace();
      const cudnnStatus_t st =
          cudnnFindConvolutionForwardAlgorithmEx(dnn_, x_desc_, x_, w_desc_, w_, conv_, y_desc_, y_, int(perf.size()),
                                                 &returned, perf.data(), search.get(), search.bytes());
      if (st == CUDNN_STATUS_NOT_SUPPORTED || st == CUDNN_STATUS_BAD_PARAM) return false;
      check(st, "cudnnFindConvolutionForwardAlgorithmEx");
    }
    for (int i = 0; i < returned; ++i) {  // fastest first; f32 must not run on TF32 tensor cores
      const auto& r = perf[size_t(i)];
      if (r.status != CUDNN_STATUS_SUCCESS || (d_ == DType::F32 && r.mathType != CUDNN_FMA_MATH)) continue;
      algo = r.algo;
      math = r.mathType;
      MPSBENCH_CHECK(cudnnSetConvolutionMathType(conv_, math));
      size_t bytes = 0;
      MPSBENCH_CHECK(cudnnGetConvolutionForwardWorkspaceSize(dnn_, x_desc_, w_desc_, conv_, y_desc_, algo, &bytes));
      ws = DeviceBuffer(std::max(bytes, r.memory));
      return true;
    }
    return false;
  }

  GraphDesc tensor(int64_t uid, const std::array<int64_t, 4>& dims) const {
    GraphDesc t(CUDNN_BACKEND_TENSOR_DESCRIPTOR);
    const cudnnDataType_t type = dnn_type(d_);
    const std::array<int64_t, 4> strides = strides_of(dims, s_.nhwc);
    const int64_t alignment = 16;
    t.set(CUDNN_ATTR_TENSOR_DATA_TYPE, CUDNN_TYPE_DATA_TYPE, &type)
        .set(CUDNN_ATTR_TENSOR_DIMENSIONS, CUDNN_TYPE_INT64, dims.data(), 4)
        .set(CUDNN_ATTR_TENSOR_STRIDES, CUDNN_TYPE_INT64, strides.data(), 4)
        .set(CUDNN_ATTR_TENSOR_UNIQUE_ID, CUDNN_TYPE_INT64, &uid)
        .set(CUDNN_ATTR_TENSOR_BYTE_ALIGNMENT, CUDNN_TYPE_INT64, &alignment)
        .finalize();
    return t;
  }

  /// The operation graph of this convolution (X uid 1, W uid 2, Y uid 3).
  GraphDesc graph() const {
    const GraphDesc x = tensor(1, {s_.n, s_.c, s_.h, s_.w});
    const GraphDesc w = tensor(2, {s_.k, s_.c / s_.groups, s_.r, s_.s});
    const GraphDesc y = tensor(3, {s_.n, s_.k, p_, q_});
    GraphDesc conv(CUDNN_BACKEND_CONVOLUTION_DESCRIPTOR);
    const cudnnDataType_t compute = CUDNN_DATA_FLOAT;
    const cudnnConvolutionMode_t mode = CUDNN_CROSS_CORRELATION;
    const int64_t dims = 2, pad[2] = {s_.pad, s_.pad}, dil[2] = {s_.dilation, s_.dilation},
                  stride[2] = {s_.stride, s_.stride};
    conv.set(CUDNN_ATTR_CONVOLUTION_SPATIAL_DIMS, CUDNN_TYPE_INT64, &dims)
        .set(CUDNN_ATTR_CONVOLUTION_COMP_TYPE, CUDNN_TYPE_DATA_TYPE, &compute)
        .set(CUDNN_ATTR_CONVOLUTION_CONV_MODE, CUDNN_TYPE_CONVOLUTION_MODE, &mode)
        .set(CUDNN_ATTR_CONVOLUTION_PRE_PADDINGS, CUDNN_TYPE_INT64, pad, 2)
        .set(CUDNN_ATTR_CONVOLUTION_POST_PADDINGS, CUDNN_TYPE_INT64, pad, 2)
        .set(CUDNN_ATTR_CONVOLUTION_DILATIONS, CUDNN_TYPE_INT64, dil, 2)
        .set(CUDNN_ATTR_CONVOLUTION_FILTER_STRIDES, CUDNN_TYPE_INT64, stride, 2)
        .finalize();
    GraphDesc op(CUDNN_BACKEND_OPERATION_CONVOLUTION_FORWARD_DESCRIPTOR);
    const float alpha = 1.0f, beta = 0.0f;
    op.set_desc(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_X, x)
        .set_desc(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_W, w)
        .set_desc(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_Y, y)
        .set_desc(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_CONV_DESC, conv)
        .set(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_ALPHA, CUDNN_TYPE_FLOAT, &alpha)
        .set(CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_BETA, CUDNN_TYPE_FLOAT, &beta)
        .finalize();
    GraphDesc g(CUDNN_BACKEND_OPERATIONGRAPH_DESCRIPTOR);
    g.set_desc(CUDNN_ATTR_OPERATIONGRAPH_OPS, op).set(CUDNN_ATTR_OPERATIONGRAPH_HANDLE, CUDNN_TYPE_HANDLE, &dnn_).finalize();
    return g;
  }

  /// The numerical notes of an engine config's engine; false when the dtype must not use it.
  bool allowed_engine(cudnnBackendDescriptor_t cfg, int64_t& index, std::string& notes) const {
    GraphDesc engine(CUDNN_BACKEND_ENGINE_DESCRIPTOR);
    cudnnBackendDescriptor_t raw = engine.get();
    int64_t n = 0;
    if (cudnnBackendGetAttribute(cfg, CUDNN_ATTR_ENGINECFG_ENGINE, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &n, &raw) !=
        CUDNN_STATUS_SUCCESS) {
      return false;
    }
    cudnnBackendGetAttribute(raw, CUDNN_ATTR_ENGINE_GLOBAL_INDEX, CUDNN_TYPE_INT64, 1, &n, &index);
    std::array<cudnnBackendNumericalNote_t, 32> list{};
    int64_t count = 0;
    if (cudnnBackendGetAttribute(raw, CUDNN_ATTR_ENGINE_NUMERICAL_NOTE, CUDNN_TYPE_NUMERICAL_NOTE,
                                 int64_t(list.size()), &count, list.data()) != CUDNN_STATUS_SUCCESS) {
      count = 0;
    }
    bool ok = true;
    notes.clear();
    for (int64_t i = 0; i < std::min<int64_t>(count, int64_t(list.size())); ++i) {
      const cudnnBackendNumericalNote_t note = list[size_t(i)];
      const char* name = "other";
      switch (note) {
        case CUDNN_NUMERICAL_NOTE_TENSOR_CORE: name = "TENSOR_CORE"; ok = ok && d_ != DType::F32; break;
        case CUDNN_NUMERICAL_NOTE_DOWN_CONVERT_INPUTS: name = "DOWN_CONVERT_INPUTS"; ok = false; break;
        case CUDNN_NUMERICAL_NOTE_REDUCED_PRECISION_REDUCTION: name = "REDUCED_PRECISION_REDUCTION"; ok = false; break;
        case CUDNN_NUMERICAL_NOTE_FFT: name = "FFT"; break;
        case CUDNN_NUMERICAL_NOTE_NONDETERMINISTIC: name = "NONDETERMINISTIC"; break;
        case CUDNN_NUMERICAL_NOTE_WINOGRAD: name = "WINOGRAD"; break;
        default: break;
      }
      notes += (notes.empty() ? "" : ",") + std::string(name);
    }
    if (notes.empty()) notes = "none";
    return ok;
  }

  struct GraphCandidate {
    GraphDesc plan, pack;
    DeviceBuffer ws;
    int64_t engine = -1;
    std::string notes;
    float ms = 0;
  };

  /// Graph API: up to kGraphCandidates allowed engine configs of CUDNN_HEUR_MODE_A, each timed;
  /// returns the fastest (plan empty when none finalised).
  GraphCandidate graph_best() {
    GraphCandidate best;
    GraphDesc g = graph();
    GraphDesc heur(CUDNN_BACKEND_ENGINEHEUR_DESCRIPTOR);
    const cudnnBackendHeurMode_t mode = CUDNN_HEUR_MODE_A;
    heur.set_desc(CUDNN_ATTR_ENGINEHEUR_OPERATION_GRAPH, g).set(CUDNN_ATTR_ENGINEHEUR_MODE, CUDNN_TYPE_HEUR_MODE, &mode).finalize();
    int64_t count = 0;
    MPSBENCH_CHECK(cudnnBackendGetAttribute(heur.get(), CUDNN_ATTR_ENGINEHEUR_RESULTS, CUDNN_TYPE_BACKEND_DESCRIPTOR, 0,
                                            &count, nullptr));
    std::vector<GraphDesc> cfgs;
    std::vector<cudnnBackendDescriptor_t> raw;
    for (int64_t i = 0; i < count; ++i) {
      cfgs.emplace_back(CUDNN_BACKEND_ENGINECFG_DESCRIPTOR);
      raw.push_back(cfgs.back().get());
    }
    int64_t returned = 0;
    if (count > 0) {
      MPSBENCH_CHECK(cudnnBackendGetAttribute(heur.get(), CUDNN_ATTR_ENGINEHEUR_RESULTS, CUDNN_TYPE_BACKEND_DESCRIPTOR,
                                              count, &returned, raw.data()));
    }
    const size_t ws_cap = free_memory() / 2;
    int timed = 0;
    for (int64_t i = 0; i < returned && timed < kGraphCandidates; ++i) {
      GraphCandidate c;
      if (!allowed_engine(raw[size_t(i)], c.engine, c.notes)) continue;
      c.plan = GraphDesc(CUDNN_BACKEND_EXECUTION_PLAN_DESCRIPTOR);
      c.plan.set(CUDNN_ATTR_EXECUTION_PLAN_HANDLE, CUDNN_TYPE_HANDLE, &dnn_)
          .set(CUDNN_ATTR_EXECUTION_PLAN_ENGINE_CONFIG, CUDNN_TYPE_BACKEND_DESCRIPTOR, &raw[size_t(i)]);
      if (cudnnBackendFinalize(c.plan.get()) != CUDNN_STATUS_SUCCESS) continue;  // engine can't run this case
      int64_t ws_bytes = 0, n = 0;
      MPSBENCH_CHECK(cudnnBackendGetAttribute(c.plan.get(), CUDNN_ATTR_EXECUTION_PLAN_WORKSPACE_SIZE, CUDNN_TYPE_INT64, 1,
                                              &n, &ws_bytes));
      if (size_t(ws_bytes) > ws_cap) continue;
      c.ws = DeviceBuffer(size_t(ws_bytes));
      void* ptrs[3] = {x_, w_, y_};
      const int64_t uids[3] = {1, 2, 3};
      void* ws_ptr = c.ws.get();
      c.pack = GraphDesc(CUDNN_BACKEND_VARIANT_PACK_DESCRIPTOR);
      c.pack.set(CUDNN_ATTR_VARIANT_PACK_DATA_POINTERS, CUDNN_TYPE_VOID_PTR, ptrs, 3)
          .set(CUDNN_ATTR_VARIANT_PACK_UNIQUE_IDS, CUDNN_TYPE_INT64, uids, 3)
          .set(CUDNN_ATTR_VARIANT_PACK_WORKSPACE, CUDNN_TYPE_VOID_PTR, &ws_ptr)
          .finalize();
      ++timed;
      try {
        c.ms = time_ms([&] { MPSBENCH_CHECK(cudnnBackendExecute(dnn_, c.plan.get(), c.pack.get())); });
      } catch (const BackendError& e) {  // this engine failed at execution: record it, try the next
        out_.candidates.push(Json::object().set("api", "graph").set("engine", c.engine).set("error", e.what()));
        continue;
      }
      out_.candidates.push(Json::object()
                               .set("api", "graph")
                               .set("engine", c.engine)
                               .set("ms", double(c.ms))
                               .set("notes", c.notes)
                               .set("workspace_bytes", ws_bytes));
      if (!best.plan.get() || c.ms < best.ms) best = std::move(c);
    }
    return best;
  }

  cudnnHandle_t dnn_;
  cudaStream_t stream_;
  DType d_;
  ConvSpec s_;
  int64_t p_, q_;
  void *x_, *w_, *y_;
  cudnnTensorDescriptor_t x_desc_, y_desc_;
  cudnnFilterDescriptor_t w_desc_;
  cudnnConvolutionDescriptor_t conv_;
  cudnnMathType_t requested_math_;
  ConvChoice& out_;
};

void ConvSearch::choose() {
  cudnnConvolutionFwdAlgo_t algo = CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM;
  cudnnMathType_t math = requested_math_;
  DeviceBuffer legacy_ws;
  float legacy_ms = -1;
  if (legacy_best(algo, math, legacy_ws)) {
    out_.algo = algo;
    out_.math = math;
    out_.workspace = std::move(legacy_ws);
    legacy_ms = time_ms([&] {
      const float alpha = 1.0f, beta = 0.0f;
      MPSBENCH_CHECK(cudnnConvolutionForward(dnn_, &alpha, x_desc_, x_, w_desc_, w_, conv_, out_.algo,
                                             out_.workspace.get(), out_.workspace.bytes(), &beta, y_desc_, y_));
    });
    out_.candidates.push(Json::object()
                             .set("api", "legacy")
                             .set("algo", algo_name(out_.algo))
                             .set("ms", double(legacy_ms))
                             .set("math", math_name(out_.math))
                             .set("workspace_bytes", int64_t(out_.workspace.bytes())));
  }
  GraphCandidate g = graph_best();
  if (g.plan.get() && (legacy_ms < 0 || g.ms < legacy_ms)) {
    out_.plan = std::move(g.plan);
    out_.pack = std::move(g.pack);
    out_.workspace = std::move(g.ws);
    out_.notes_text = g.notes;
    out_.algo_text = "cudnnBackendExecute, graph engine " + std::to_string(g.engine) + " (heuristics mode A)";
    return;
  }
  if (legacy_ms < 0) {
    throw BackendError(ErrorKind::Unsupported,
                       "cuDNN has no allowed forward algorithm or engine for this convolution in " + dtype_name(d_));
  }
  out_.algo_text = std::string("cudnnConvolutionForward ") + algo_name(out_.algo);
}

}  // namespace

ConvChoice choose_conv_algorithm(const ConvProblem& problem) {
  ConvChoice choice;
  ConvSearch(problem, choice).choose();
  return choice;
}

}  // namespace mpsbench::cuda
