// The CUDA backend's fused attention through cuDNN's graph API (see cuda_kernel.h): the fused flash
// attention pattern the cuDNN runtime fusion engine recognises, built from backend descriptors:
//
//   S = matmul(Q, Kᵀ) · scale  →  [causal: select(row ≥ col, S, -inf)]  →  P = exp(S - max) / sum
//   O = matmul(P, V)
//
// Q, K, V and O are the harness's [batch][heads][len][head_dim] tensors (BHSD, head_dim
// contiguous); Kᵀ is K's descriptor with the last two dimensions and strides swapped. S and the
// softmax intermediates are virtual f32 tensors, P is virtual in the case's dtype (what the second
// matmul reads), the scale and -inf are pass-by-value scalars. The operation graph, the engine
// (first of CUDNN_HEUR_MODE_A's configs, then CUDNN_HEUR_MODE_FALLBACK's, that finalises and runs)
// and its execution plan, workspace and variant pack are all built here, once, in prepare; run()
// is one cudnnBackendExecute. cuDNN's SDPA_FWD operation descriptor is not used: its 9.19
// attributes have no causal flag (only a block mask). Any failure returns nullptr with the reason,
// so that the caller falls back to the unfused kernels. Compiled only when the build found cuDNN.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "cuda_kernel.h"
#include "cudnn_conv.h"

namespace mpsbench::cuda {
namespace {

using Dims = std::array<int64_t, 4>;

constexpr int kMaxConfigs = 8;  // engine configs tried per heuristics mode at most

enum Uid : int64_t { kQ = 1, kK, kV, kO, kScale, kNegInf, kStats, kFirstVirtual = 100 };

/// cudnnBackendSetAttribute on `d`, its status checked with a message naming the descriptor and attribute.
#define MPSBENCH_SET(d, label, name, type, count, values)                                                  \
  check(cudnnBackendSetAttribute((d).get(), name, type, count, values),                                   \
        (std::string("cudnnBackendSetAttribute(") + (label) + ", " #name ")").c_str())

void finalize(const GraphDesc& d, const std::string& label) {
  check(cudnnBackendFinalize(d.get()), ("cudnnBackendFinalize(" + label + ")").c_str());
}

/// A new descriptor of `type`; a failure names `label`.
GraphDesc create(cudnnBackendDescriptorType_t type, const std::string& label) {
  try {
    return GraphDesc(type);
  } catch (const BackendError& e) {
    throw BackendError(e.kind(), label + ": " + e.what());
  }
}

Dims packed(const Dims& d) { return {d[1] * d[2] * d[3], d[2] * d[3], d[3], 1}; }

/// Builds the operation graph; owns every descriptor until the plan is finalised.
class SdpaGraph {
 public:
  /// `stats`: also write the softmax statistics max + log(sum) (the training graph) to tensor kStats.
  SdpaGraph(cudnnHandle_t dnn, DType d, const AttentionSpec& s, bool stats)
      : dnn_(dnn), io_(dnn_type(d)), s_(s), stats_(stats) {}

  GraphDesc build() {
    const int64_t b = s_.batch, h = s_.heads, sq = s_.seq, skv = s_.kv_seq, hd = s_.head_dim;
    const cudnnDataType_t f32 = CUDNN_DATA_FLOAT;
    const Dims q_dims{b, h, sq, hd}, v_dims{b, h, skv, hd};
    const Dims k_strides = packed(v_dims);
    const Dims kt_dims{b, h, hd, skv}, kt_strides{k_strides[0], k_strides[1], 1, k_strides[2]};
    const Dims s_dims{b, h, sq, skv}, stat_dims{b, h, sq, 1};
    const Dims one{1, 1, 1, 1};

    const cudnnBackendDescriptor_t q = tensor("Q", kQ, io_, q_dims, packed(q_dims), false, false);
    const cudnnBackendDescriptor_t kt = tensor("K (as Kt)", kK, io_, kt_dims, kt_strides, false, false);
    const cudnnBackendDescriptor_t v = tensor("V", kV, io_, v_dims, packed(v_dims), false, false);
    const cudnnBackendDescriptor_t o = tensor("O", kO, io_, q_dims, packed(q_dims), false, false);
    const cudnnBackendDescriptor_t scale = tensor("scale", kScale, f32, one, one, false, true);

    const cudnnBackendDescriptor_t s0 = virt("S", f32, s_dims);
    matmul("bmm1 Q·Kt", q, kt, s0);
    cudnnBackendDescriptor_t s1 = virt("S·scale", f32, s_dims);
    pointwise("scale", CUDNN_POINTWISE_MUL, f32, s0, scale, nullptr, s1);
    if (s_.causal) {
      const cudnnBackendDescriptor_t neg_inf = tensor("-inf", kNegInf, f32, one, one, false, true);
      const cudnnBackendDescriptor_t row = virt("row index", CUDNN_DATA_INT32, s_dims);
      const cudnnBackendDescriptor_t col = virt("col index", CUDNN_DATA_INT32, s_dims);
      const cudnnBackendDescriptor_t keep = virt("row>=col", CUDNN_DATA_BOOLEAN, s_dims);
      const cudnnBackendDescriptor_t masked = virt("masked S", f32, s_dims);
      pointwise("gen row index", CUDNN_POINTWISE_GEN_INDEX, f32, s1, nullptr, nullptr, row, 2);
      pointwise("gen col index", CUDNN_POINTWISE_GEN_INDEX, f32, s1, nullptr, nullptr, col, 3);
      pointwise("row >= col", CUDNN_POINTWISE_CMP_GE, CUDNN_DATA_BOOLEAN, row, col, nullptr, keep);
      pointwise("causal select", CUDNN_POINTWISE_BINARY_SELECT, f32, s1, neg_inf, keep, masked);
      s1 = masked;
    }
    const cudnnBackendDescriptor_t max = virt("row max", f32, stat_dims);
    reduction("max", CUDNN_REDUCE_TENSOR_MAX, s1, max);
    const cudnnBackendDescriptor_t centred = virt("S - max", f32, s_dims);
    pointwise("sub max", CUDNN_POINTWISE_SUB, f32, s1, max, nullptr, centred);
    const cudnnBackendDescriptor_t e = virt("exp", f32, s_dims);
    pointwise("exp", CUDNN_POINTWISE_EXP, f32, centred, nullptr, nullptr, e);
    const cudnnBackendDescriptor_t sum = virt("row sum", f32, stat_dims);
    reduction("sum", CUDNN_REDUCE_TENSOR_ADD, e, sum);
    if (stats_) {
      const cudnnBackendDescriptor_t log_sum = virt("log sum", f32, stat_dims);
      pointwise("log sum", CUDNN_POINTWISE_LOG, f32, sum, nullptr, nullptr, log_sum);
      const cudnnBackendDescriptor_t stats = tensor("stats", kStats, f32, stat_dims, packed(stat_dims), false, false);
      pointwise("max + log sum", CUDNN_POINTWISE_ADD, f32, max, log_sum, nullptr, stats);
    }
    const cudnnBackendDescriptor_t p = virt("P", io_, s_dims);
    pointwise("div sum", CUDNN_POINTWISE_DIV, f32, e, sum, nullptr, p);
    matmul("bmm2 P·V", p, v, o);

    GraphDesc g = create(CUDNN_BACKEND_OPERATIONGRAPH_DESCRIPTOR, "operation graph");
    const int64_t op_count = int64_t(ops_.size());
    MPSBENCH_SET(g, "operation graph", CUDNN_ATTR_OPERATIONGRAPH_OPS, CUDNN_TYPE_BACKEND_DESCRIPTOR, op_count,
                 ops_.data());
    MPSBENCH_SET(g, "operation graph", CUDNN_ATTR_OPERATIONGRAPH_HANDLE, CUDNN_TYPE_HANDLE, 1, &dnn_);
    finalize(g, "operation graph");
    return g;
  }

 private:
  cudnnHandle_t dnn_;
  cudnnDataType_t io_;
  AttentionSpec s_;
  bool stats_;
  int64_t next_virtual_ = kFirstVirtual;
  std::vector<GraphDesc> owned_;
  std::vector<cudnnBackendDescriptor_t> ops_;

  cudnnBackendDescriptor_t keep(GraphDesc&& d) {
    owned_.push_back(std::move(d));
    return owned_.back().get();
  }

  cudnnBackendDescriptor_t tensor(const std::string& name, int64_t uid, cudnnDataType_t type, const Dims& dims,
                                  const Dims& strides, bool is_virtual, bool by_value) {
    const std::string label = "tensor " + name;
    GraphDesc t = create(CUDNN_BACKEND_TENSOR_DESCRIPTOR, label);
    const int64_t alignment = 16;
    MPSBENCH_SET(t, label, CUDNN_ATTR_TENSOR_DATA_TYPE, CUDNN_TYPE_DATA_TYPE, 1, &type);
    MPSBENCH_SET(t, label, CUDNN_ATTR_TENSOR_DIMENSIONS, CUDNN_TYPE_INT64, 4, dims.data());
    MPSBENCH_SET(t, label, CUDNN_ATTR_TENSOR_STRIDES, CUDNN_TYPE_INT64, 4, strides.data());
    MPSBENCH_SET(t, label, CUDNN_ATTR_TENSOR_UNIQUE_ID, CUDNN_TYPE_INT64, 1, &uid);
    MPSBENCH_SET(t, label, CUDNN_ATTR_TENSOR_BYTE_ALIGNMENT, CUDNN_TYPE_INT64, 1, &alignment);
    if (is_virtual) MPSBENCH_SET(t, label, CUDNN_ATTR_TENSOR_IS_VIRTUAL, CUDNN_TYPE_BOOLEAN, 1, &is_virtual);
    if (by_value) MPSBENCH_SET(t, label, CUDNN_ATTR_TENSOR_IS_BY_VALUE, CUDNN_TYPE_BOOLEAN, 1, &by_value);
    finalize(t, label);
    return keep(std::move(t));
  }

  cudnnBackendDescriptor_t virt(const std::string& name, cudnnDataType_t type, const Dims& dims) {
    return tensor(name, next_virtual_++, type, dims, packed(dims), true, false);
  }

  void add_op(GraphDesc&& op, const std::string& label) {
    finalize(op, label);
    ops_.push_back(keep(std::move(op)));
  }

  void matmul(const std::string& name, cudnnBackendDescriptor_t a, cudnnBackendDescriptor_t b,
              cudnnBackendDescriptor_t c) {
    const std::string label = "matmul " + name;
    GraphDesc desc = create(CUDNN_BACKEND_MATMUL_DESCRIPTOR, label);
    const cudnnDataType_t compute = CUDNN_DATA_FLOAT;
    MPSBENCH_SET(desc, label, CUDNN_ATTR_MATMUL_COMP_TYPE, CUDNN_TYPE_DATA_TYPE, 1, &compute);
    finalize(desc, label);
    const cudnnBackendDescriptor_t raw = desc.get();
    keep(std::move(desc));
    GraphDesc op = create(CUDNN_BACKEND_OPERATION_MATMUL_DESCRIPTOR, "operation " + label);
    MPSBENCH_SET(op, "operation " + label, CUDNN_ATTR_OPERATION_MATMUL_ADESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &a);
    MPSBENCH_SET(op, "operation " + label, CUDNN_ATTR_OPERATION_MATMUL_BDESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &b);
    MPSBENCH_SET(op, "operation " + label, CUDNN_ATTR_OPERATION_MATMUL_CDESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &c);
    MPSBENCH_SET(op, "operation " + label, CUDNN_ATTR_OPERATION_MATMUL_DESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &raw);
    add_op(std::move(op), "operation " + label);
  }

  /// y = mode(x[, b][, t]); `axis` is GEN_INDEX's dimension (-1: none).
  void pointwise(const std::string& name, cudnnPointwiseMode_t mode, cudnnDataType_t compute,
                 cudnnBackendDescriptor_t x, cudnnBackendDescriptor_t b, cudnnBackendDescriptor_t t,
                 cudnnBackendDescriptor_t y, int64_t axis = -1) {
    const std::string label = "pointwise " + name;
    GraphDesc desc = create(CUDNN_BACKEND_POINTWISE_DESCRIPTOR, label);
    MPSBENCH_SET(desc, label, CUDNN_ATTR_POINTWISE_MODE, CUDNN_TYPE_POINTWISE_MODE, 1, &mode);
    MPSBENCH_SET(desc, label, CUDNN_ATTR_POINTWISE_MATH_PREC, CUDNN_TYPE_DATA_TYPE, 1, &compute);
    if (axis >= 0) MPSBENCH_SET(desc, label, CUDNN_ATTR_POINTWISE_AXIS, CUDNN_TYPE_INT64, 1, &axis);
    finalize(desc, label);
    const cudnnBackendDescriptor_t raw = desc.get();
    keep(std::move(desc));
    const std::string op_label = "operation " + label;
    GraphDesc op = create(CUDNN_BACKEND_OPERATION_POINTWISE_DESCRIPTOR, op_label);
    MPSBENCH_SET(op, op_label, CUDNN_ATTR_OPERATION_POINTWISE_PW_DESCRIPTOR, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &raw);
    MPSBENCH_SET(op, op_label, CUDNN_ATTR_OPERATION_POINTWISE_XDESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &x);
    if (b) MPSBENCH_SET(op, op_label, CUDNN_ATTR_OPERATION_POINTWISE_BDESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &b);
    if (t) MPSBENCH_SET(op, op_label, CUDNN_ATTR_OPERATION_POINTWISE_TDESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &t);
    MPSBENCH_SET(op, op_label, CUDNN_ATTR_OPERATION_POINTWISE_YDESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &y);
    add_op(std::move(op), op_label);
  }

  void reduction(const std::string& name, cudnnReduceTensorOp_t mode, cudnnBackendDescriptor_t x,
                 cudnnBackendDescriptor_t y) {
    const std::string label = "reduction " + name;
    GraphDesc desc = create(CUDNN_BACKEND_REDUCTION_DESCRIPTOR, label);
    const cudnnDataType_t compute = CUDNN_DATA_FLOAT;
    MPSBENCH_SET(desc, label, CUDNN_ATTR_REDUCTION_OPERATOR, CUDNN_TYPE_REDUCTION_OPERATOR_TYPE, 1, &mode);
    MPSBENCH_SET(desc, label, CUDNN_ATTR_REDUCTION_COMP_TYPE, CUDNN_TYPE_DATA_TYPE, 1, &compute);
    finalize(desc, label);
    const cudnnBackendDescriptor_t raw = desc.get();
    keep(std::move(desc));
    const std::string op_label = "operation " + label;
    GraphDesc op = create(CUDNN_BACKEND_OPERATION_REDUCTION_DESCRIPTOR, op_label);
    MPSBENCH_SET(op, op_label, CUDNN_ATTR_OPERATION_REDUCTION_XDESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &x);
    MPSBENCH_SET(op, op_label, CUDNN_ATTR_OPERATION_REDUCTION_YDESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &y);
    MPSBENCH_SET(op, op_label, CUDNN_ATTR_OPERATION_REDUCTION_DESC, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &raw);
    add_op(std::move(op), op_label);
  }
};

/// "TENSOR_CORE,..." and "RUNTIME_COMPILATION,..." of an engine config's engine, and its global index.
void describe_engine(cudnnBackendDescriptor_t cfg, int64_t& index, std::string& numerical, std::string& behavior) {
  index = -1;
  numerical = behavior = "";
  GraphDesc engine(CUDNN_BACKEND_ENGINE_DESCRIPTOR);
  cudnnBackendDescriptor_t raw = engine.get();
  int64_t n = 0;
  if (cudnnBackendGetAttribute(cfg, CUDNN_ATTR_ENGINECFG_ENGINE, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &n, &raw) !=
      CUDNN_STATUS_SUCCESS) {
    return;
  }
  cudnnBackendGetAttribute(raw, CUDNN_ATTR_ENGINE_GLOBAL_INDEX, CUDNN_TYPE_INT64, 1, &n, &index);
  std::array<cudnnBackendNumericalNote_t, 16> notes{};
  int64_t count = 0;
  if (cudnnBackendGetAttribute(raw, CUDNN_ATTR_ENGINE_NUMERICAL_NOTE, CUDNN_TYPE_NUMERICAL_NOTE, int64_t(notes.size()),
                               &count, notes.data()) == CUDNN_STATUS_SUCCESS) {
    for (int64_t i = 0; i < std::min<int64_t>(count, int64_t(notes.size())); ++i) {
      const char* name = "other";
      switch (notes[size_t(i)]) {
        case CUDNN_NUMERICAL_NOTE_TENSOR_CORE: name = "TENSOR_CORE"; break;
        case CUDNN_NUMERICAL_NOTE_DOWN_CONVERT_INPUTS: name = "DOWN_CONVERT_INPUTS"; break;
        case CUDNN_NUMERICAL_NOTE_REDUCED_PRECISION_REDUCTION: name = "REDUCED_PRECISION_REDUCTION"; break;
        case CUDNN_NUMERICAL_NOTE_NONDETERMINISTIC: name = "NONDETERMINISTIC"; break;
        default: break;
      }
      numerical += (numerical.empty() ? "" : ",") + std::string(name);
    }
  }
  std::array<cudnnBackendBehaviorNote_t, 8> behaviors{};
  count = 0;
  if (cudnnBackendGetAttribute(raw, CUDNN_ATTR_ENGINE_BEHAVIOR_NOTE, CUDNN_TYPE_BEHAVIOR_NOTE,
                               int64_t(behaviors.size()), &count, behaviors.data()) == CUDNN_STATUS_SUCCESS) {
    for (int64_t i = 0; i < std::min<int64_t>(count, int64_t(behaviors.size())); ++i) {
      const char* name = "other";
      switch (behaviors[size_t(i)]) {
        case CUDNN_BEHAVIOR_NOTE_RUNTIME_COMPILATION: name = "RUNTIME_COMPILATION"; break;
        case CUDNN_BEHAVIOR_NOTE_SUPPORTS_CUDA_GRAPH_NATIVE_API: name = "SUPPORTS_CUDA_GRAPH_NATIVE_API"; break;
        case CUDNN_BEHAVIOR_NOTE_CUBLASLT_DEPENDENCY: name = "CUBLASLT_DEPENDENCY"; break;
        default: break;
      }
      behavior += (behavior.empty() ? "" : ",") + std::string(name);
    }
  }
  if (numerical.empty()) numerical = "none";
  if (behavior.empty()) behavior = "none";
}

/// Fused attention through cuDNN: the plan, workspace and variant pack of the chosen engine.
class CudnnAttention : public Kernel {
 public:
  CudnnAttention(Context& ctx, DType d, const AttentionSpec& s, const CaseInputs& in)
      : ctx_(ctx), d_(d), s_(s), dnn_(dnn_handle(ctx)), q_(upload(in.q, d)), k_(upload(in.k, d)), v_(upload(in.v, d)),
        o_(q_.bytes()), scale_(1.0f / std::sqrt(float(s.head_dim))),
        neg_inf_(-std::numeric_limits<float>::infinity()) {
    const size_t version = cudnnGetVersion();
    if (version < 90000) {
      throw BackendError(ErrorKind::Unsupported, "the loaded cuDNN is " + std::to_string(version) +
                                                     "; the fused attention graph needs cuDNN 9");
    }
    // The inference graph (no softmax statistics) first, as PyTorch builds it without grad; then
    // the training graph, which writes them to a small f32 buffer nobody reads.
    for (const bool stats : {false, true}) {
      stats_ = stats;
      if (stats) stats_buf_ = DeviceBuffer(size_t(s.rows()) * sizeof(float));
      GraphDesc graph;
      try {
        graph = SdpaGraph(dnn_, d, s, stats).build();
      } catch (const BackendError& e) {
        if (e.kind() == ErrorKind::Oom) throw;
        tried_.push(Json::object().set("graph", stats ? "with softmax stats" : "inference").set("error", e.what()));
        continue;
      }
      for (const cudnnBackendHeurMode_t mode : {CUDNN_HEUR_MODE_A, CUDNN_HEUR_MODE_FALLBACK}) {
        if (try_mode(graph, mode)) return;
      }
    }
    stats_buf_ = DeviceBuffer();
    std::string tried = tried_.dump();
    if (tried.size() > 4000) tried = tried.substr(0, 4000) + "…";
    throw BackendError(ErrorKind::Unsupported, "no cuDNN engine config finalised and ran this attention graph: " +
                                                   tried);
  }

  void run() override {
    check(cudnnBackendExecute(dnn_, plan_.get(), pack_.get()), "cudnnBackendExecute(attention plan)");
  }

  std::vector<float> output() const override {
    MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
    return download(o_, size_t(s_.rows() * s_.head_dim), d_);
  }

  int64_t mem_bytes() const override {
    return int64_t(q_.bytes() + k_.bytes() + v_.bytes() + o_.bytes() + workspace_.bytes() + stats_buf_.bytes());
  }

  Json info() const override {
    return Json::object()
        .set("path", "cudnn-sdpa")
        .set("algo", "cudnnBackendExecute, fused flash attention graph (matmul, scale, " +
                         std::string(s_.causal ? "causal mask (GEN_INDEX, CMP_GE, BINARY_SELECT), " : "") +
                         "softmax by reductions" + std::string(stats_ ? " with stats" : "") + ", matmul), engine " +
                         std::to_string(engine_) + " (" + mode_ + ")")
        .set("fused", true)
        .set("engine", engine_)
        .set("numerical_notes", numerical_)
        .set("behavior_notes", behavior_)
        .set("workspace_bytes", int64_t(workspace_.bytes()))
        .set("layout", "bhsd (Q, K, V, O [batch][heads][len][head_dim]); K read as Kt through strides")
        .set("math", std::string(d_ == DType::F16 ? "f16" : "bf16") +
                         " tensor cores, f32 scores and softmax, P stored in the case's dtype for P·V")
        .set("cudnn", int64_t(cudnnGetVersion()))
        .set("configs_tried", tried_);
  }

 private:
  Context& ctx_;
  DType d_;
  AttentionSpec s_;
  cudnnHandle_t dnn_;
  DeviceBuffer q_, k_, v_, o_, workspace_, stats_buf_;
  bool stats_ = false;  ///< the chosen graph writes softmax statistics to stats_buf_
  float scale_, neg_inf_;
  GraphDesc plan_, pack_;
  int64_t engine_ = -1;
  std::string numerical_, behavior_, mode_;
  Json tried_ = Json::array();

  /// The first of up to kMaxConfigs configs of `mode` that finalises and executes; false if none.
  bool try_mode(const GraphDesc& graph, cudnnBackendHeurMode_t mode) {
    const std::string mode_name =
        std::string(mode == CUDNN_HEUR_MODE_A ? "heuristics mode A" : "heuristics mode FALLBACK") +
        (stats_ ? ", graph with softmax stats" : ", inference graph");
    GraphDesc heur = create(CUDNN_BACKEND_ENGINEHEUR_DESCRIPTOR, mode_name);
    const cudnnBackendDescriptor_t g = graph.get();
    MPSBENCH_SET(heur, mode_name, CUDNN_ATTR_ENGINEHEUR_OPERATION_GRAPH, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &g);
    MPSBENCH_SET(heur, mode_name, CUDNN_ATTR_ENGINEHEUR_MODE, CUDNN_TYPE_HEUR_MODE, 1, &mode);
    const cudnnStatus_t fin = cudnnBackendFinalize(heur.get());
    if (fin != CUDNN_STATUS_SUCCESS) {
      tried_.push(Json::object().set("mode", mode_name).set("error", std::string("cudnnBackendFinalize(heuristics): ") +
                                                                          cudnnGetErrorString(fin)));
      return false;
    }
    int64_t count = 0;
    check(cudnnBackendGetAttribute(heur.get(), CUDNN_ATTR_ENGINEHEUR_RESULTS, CUDNN_TYPE_BACKEND_DESCRIPTOR, 0, &count,
                                   nullptr),
          "cudnnBackendGetAttribute(CUDNN_ATTR_ENGINEHEUR_RESULTS, count)");
    if (count <= 0) {
      tried_.push(Json::object().set("mode", mode_name).set("error", "no engine configs"));
      return false;
    }
    std::vector<GraphDesc> cfgs;
    std::vector<cudnnBackendDescriptor_t> raw;
    for (int64_t i = 0; i < count; ++i) {
      cfgs.emplace_back(CUDNN_BACKEND_ENGINECFG_DESCRIPTOR);
      raw.push_back(cfgs.back().get());
    }
    int64_t returned = 0;
    check(cudnnBackendGetAttribute(heur.get(), CUDNN_ATTR_ENGINEHEUR_RESULTS, CUDNN_TYPE_BACKEND_DESCRIPTOR, count,
                                   &returned, raw.data()),
          "cudnnBackendGetAttribute(CUDNN_ATTR_ENGINEHEUR_RESULTS)");
    for (int64_t i = 0; i < std::min<int64_t>(returned, kMaxConfigs); ++i) {
      int64_t engine = -1;
      std::string numerical, behavior;
      describe_engine(raw[size_t(i)], engine, numerical, behavior);
      Json entry = Json::object().set("mode", mode_name).set("engine", engine).set("numerical_notes", numerical);
      try {
        GraphDesc plan = create(CUDNN_BACKEND_EXECUTION_PLAN_DESCRIPTOR, "execution plan");
        MPSBENCH_SET(plan, "execution plan", CUDNN_ATTR_EXECUTION_PLAN_HANDLE, CUDNN_TYPE_HANDLE, 1, &dnn_);
        MPSBENCH_SET(plan, "execution plan", CUDNN_ATTR_EXECUTION_PLAN_ENGINE_CONFIG, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1,
                     &raw[size_t(i)]);
        finalize(plan, "execution plan, engine " + std::to_string(engine));
        int64_t ws_bytes = 0, n = 0;
        check(cudnnBackendGetAttribute(plan.get(), CUDNN_ATTR_EXECUTION_PLAN_WORKSPACE_SIZE, CUDNN_TYPE_INT64, 1, &n,
                                       &ws_bytes),
              "cudnnBackendGetAttribute(CUDNN_ATTR_EXECUTION_PLAN_WORKSPACE_SIZE)");
        DeviceBuffer ws{size_t(ws_bytes)};
        std::vector<void*> ptrs{q_.get(), k_.get(), v_.get(), o_.get(), &scale_};
        std::vector<int64_t> uids{kQ, kK, kV, kO, kScale};
        if (s_.causal) {
          ptrs.push_back(&neg_inf_);
          uids.push_back(kNegInf);
        }
        if (stats_) {
          ptrs.push_back(stats_buf_.get());
          uids.push_back(kStats);
        }
        void* ws_ptr = ws.get();
        GraphDesc pack = create(CUDNN_BACKEND_VARIANT_PACK_DESCRIPTOR, "variant pack");
        MPSBENCH_SET(pack, "variant pack", CUDNN_ATTR_VARIANT_PACK_DATA_POINTERS, CUDNN_TYPE_VOID_PTR,
                     int64_t(ptrs.size()), ptrs.data());
        MPSBENCH_SET(pack, "variant pack", CUDNN_ATTR_VARIANT_PACK_UNIQUE_IDS, CUDNN_TYPE_INT64, int64_t(uids.size()),
                     uids.data());
        MPSBENCH_SET(pack, "variant pack", CUDNN_ATTR_VARIANT_PACK_WORKSPACE, CUDNN_TYPE_VOID_PTR, 1, &ws_ptr);
        finalize(pack, "variant pack");
        check(cudnnBackendExecute(dnn_, plan.get(), pack.get()), "cudnnBackendExecute(first run)");
        MPSBENCH_CHECK(cudaStreamSynchronize(ctx_.stream));
        tried_.push(entry.set("result", "chosen").set("workspace_bytes", ws_bytes).set("behavior_notes", behavior));
        plan_ = std::move(plan);
        pack_ = std::move(pack);
        workspace_ = std::move(ws);
        engine_ = engine;
        numerical_ = numerical;
        behavior_ = behavior;
        mode_ = mode_name;
        return true;
      } catch (const BackendError& e) {
        if (e.kind() == ErrorKind::Oom) throw;
        tried_.push(entry.set("error", e.what()));
      }
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Kernel> make_fused_attention(Context& ctx, DType d, const AttentionSpec& spec, const CaseInputs& in,
                                             std::string& why_not) {
  if (d != DType::F16 && d != DType::BF16) {
    why_not = dtype_name(d) + ": cuDNN's fused attention runs f16 and bf16 only";
    return nullptr;
  }
  try {
    return std::make_unique<CudnnAttention>(ctx, d, spec, in);
  } catch (const BackendError& e) {
    if (e.kind() == ErrorKind::Oom) throw;  // the unfused path needs more memory still
    why_not = std::string("cuDNN fused attention unavailable: ") + e.what();
    return nullptr;
  }
}

}  // namespace mpsbench::cuda
