// Validation of the `case` object of a run request (see workload.h).
#include "mpsbench/workload.h"

#include <cmath>
#include <limits>

#include "mpsbench/error.h"

namespace mpsbench {
namespace {

/// Largest dimension accepted: BLAS and most device APIs index with 32-bit ints.
constexpr int64_t kMaxDim = std::numeric_limits<int32_t>::max();
/// Largest element count of one tensor (16 Gi elements; anything bigger is certainly a mistake).
constexpr double kMaxElements = 0x1p34;

[[noreturn]] void invalid(const std::string& msg) { throw BackendError(ErrorKind::Invalid, msg); }

const Json& member(const Json& obj, const char* name) {
  const Json* v = obj.find(name);
  if (!v) invalid(std::string("missing ") + name);
  return *v;
}

int64_t int_param(const Json& obj, const char* name, int64_t min) {
  const Json& v = member(obj, name);
  if (!v.is_number() || v.as_number() != std::floor(v.as_number()) || v.as_number() < double(min) ||
      v.as_number() > double(kMaxDim)) {
    invalid(std::string(name) + " must be an integer in [" + std::to_string(min) + ", 2^31-1]");
  }
  return static_cast<int64_t>(v.as_number());
}

bool bool_param(const Json& obj, const char* name) {
  const Json& v = member(obj, name);
  if (!v.is_bool()) invalid(std::string(name) + " must be a boolean");
  return v.as_bool();
}

void check_elements(double count, const char* what) {
  if (count > kMaxElements) invalid(std::string(what) + " has more than 2^34 elements");
}

MatmulSpec parse_matmul(const Json& p) {
  MatmulSpec s{int_param(p, "m", 1), int_param(p, "n", 1), int_param(p, "k", 1), int_param(p, "batch", 1),
               bool_param(p, "trans_a"), bool_param(p, "trans_b")};
  const double b = double(s.batch);
  check_elements(b * double(s.m) * double(s.k), "A");
  check_elements(b * double(s.k) * double(s.n), "B");
  check_elements(b * double(s.m) * double(s.n), "C");
  return s;
}

ConvSpec parse_conv(const Json& p) {
  ConvSpec s;
  s.n = int_param(p, "n", 1), s.c = int_param(p, "c", 1), s.h = int_param(p, "h", 1);
  s.w = int_param(p, "w", 1), s.k = int_param(p, "k", 1), s.r = int_param(p, "r", 1);
  s.s = int_param(p, "s", 1), s.stride = int_param(p, "stride", 1), s.pad = int_param(p, "pad", 0);
  s.dilation = int_param(p, "dilation", 1), s.groups = int_param(p, "groups", 1);
  const Json& layout = member(p, "layout");
  if (!layout.is_string() || (layout.as_string() != "nchw" && layout.as_string() != "nhwc")) {
    invalid("layout must be \"nchw\" or \"nhwc\"");
  }
  s.nhwc = layout.as_string() == "nhwc";
  if (s.c % s.groups != 0 || s.k % s.groups != 0) invalid("groups must divide c and k");
  if (s.h + 2 * s.pad < s.dilation * (s.r - 1) + 1 || s.w + 2 * s.pad < s.dilation * (s.s - 1) + 1) {
    invalid("the dilated kernel is larger than the padded input");
  }
  check_elements(double(s.n) * double(s.c) * double(s.h) * double(s.w), "X");
  check_elements(double(s.k) * double(s.c / s.groups) * double(s.r) * double(s.s), "W");
  check_elements(double(s.n) * double(s.k) * double(s.p()) * double(s.q()), "Y");
  return s;
}

/// The model, layers and batch of train and infer (the same MLP).
void parse_mlp(const Json& p, const char* workload, std::vector<int64_t>& layers_out, int64_t& batch) {
  const Json& model = member(p, "model");
  if (!model.is_string() || model.as_string() != "mlp") {
    throw BackendError(ErrorKind::Unsupported, std::string(workload) + " model must be \"mlp\"");
  }
  const Json& layers = member(p, "layers");
  if (!layers.is_array() || layers.as_array().size() < 2) invalid("layers must list at least 2 widths");
  for (const Json& l : layers.as_array()) {
    if (!l.is_number() || l.as_number() != std::floor(l.as_number()) || l.as_number() < 1 ||
        l.as_number() > double(kMaxDim)) {
      invalid("layers must be positive integers");
    }
    layers_out.push_back(static_cast<int64_t>(l.as_number()));
  }
  batch = int_param(p, "batch", 1);
  for (size_t l = 0; l + 1 < layers_out.size(); ++l) {
    check_elements(double(layers_out[l]) * double(layers_out[l + 1]), "a weight matrix");
    check_elements(double(batch) * double(layers_out[l + 1]), "an activation");
  }
}

TrainSpec parse_train(const Json& p) {
  TrainSpec s;
  parse_mlp(p, "train", s.layers, s.batch);
  const Json& lr = member(p, "lr");
  if (!lr.is_number() || !std::isfinite(lr.as_number())) invalid("lr must be a finite number");
  s.lr = lr.as_number();
  return s;
}

InferSpec parse_infer(const Json& p) {
  InferSpec s;
  parse_mlp(p, "infer", s.layers, s.batch);
  return s;
}

AttentionSpec parse_attention(const Json& p) {
  AttentionSpec s;
  s.batch = int_param(p, "batch", 1), s.heads = int_param(p, "heads", 1), s.seq = int_param(p, "seq", 1);
  s.kv_seq = int_param(p, "kv_seq", 0), s.head_dim = int_param(p, "head_dim", 1);
  s.causal = bool_param(p, "causal");
  if (s.kv_seq == 0) s.kv_seq = s.seq;
  if (s.head_dim > 512) invalid("head_dim must be at most 512");
  if (s.causal && s.kv_seq != s.seq) invalid("causal attention needs kv_seq equal to seq");
  const double bh = double(s.batch) * double(s.heads);
  check_elements(bh * double(s.seq) * double(s.head_dim), "Q");
  check_elements(bh * double(s.kv_seq) * double(s.head_dim), "K");
  return s;
}

BandwidthSpec parse_bandwidth(const Json& p, DType dtype) {
  const Json& op = member(p, "op");
  if (!op.is_string() || (op.as_string() != "copy" && op.as_string() != "triad")) {
    invalid("op must be \"copy\" or \"triad\"");
  }
  BandwidthSpec s;
  s.triad = op.as_string() == "triad";
  s.mib = int_param(p, "mib", 1);
  if (s.mib > (int64_t(1) << 20)) invalid("mib must be at most 2^20");
  s.elements = s.mib * (int64_t(1) << 20) / int64_t(dtype_size(dtype));
  check_elements(double(s.elements), "an array");
  return s;
}

Workload parse_workload(const Json& c) {
  const Json& w = member(c, "workload");
  if (!w.is_string()) invalid("workload must be a string");
  for (Workload k : {Workload::Matmul, Workload::Conv2d, Workload::Train, Workload::Attention,
                     Workload::Bandwidth, Workload::Infer}) {
    if (workload_name(k) == w.as_string()) return k;
  }
  throw BackendError(ErrorKind::Unsupported, "unknown workload " + w.as_string());
}

}  // namespace

std::string workload_name(Workload w) {
  switch (w) {
    case Workload::Matmul: return "matmul";
    case Workload::Conv2d: return "conv2d";
    case Workload::Train: return "train";
    case Workload::Attention: return "attention";
    case Workload::Bandwidth: return "bandwidth";
    case Workload::Infer: return "infer";
  }
  return "?";
}

CaseSpec parse_case(const Json& c) {
  if (!c.is_object()) invalid("case must be an object");
  CaseSpec spec;
  if (const Json* key = c.find("key"); key && key->is_string()) spec.key = key->as_string();
  spec.workload = parse_workload(c);
  const Json& dtype = member(c, "dtype");
  if (!dtype.is_string()) invalid("dtype must be a string");
  const auto d = parse_dtype(dtype.as_string());
  if (!d) throw BackendError(ErrorKind::Unsupported, "unknown dtype " + dtype.as_string());
  spec.dtype = *d;
  const Json& seed = member(c, "seed");
  if (!seed.is_number() || seed.as_number() != std::floor(seed.as_number()) || seed.as_number() < 0 ||
      seed.as_number() > 0x1p53) {
    invalid("seed must be an integer in [0, 2^53]");
  }
  spec.seed = static_cast<uint64_t>(seed.as_number());
  const Json& params = member(c, "params");
  if (!params.is_object()) invalid("params must be an object");
  switch (spec.workload) {
    case Workload::Matmul: spec.matmul = parse_matmul(params); break;
    case Workload::Conv2d: spec.conv = parse_conv(params); break;
    case Workload::Train: spec.train = parse_train(params); break;
    case Workload::Attention: spec.attention = parse_attention(params); break;
    case Workload::Bandwidth: spec.bandwidth = parse_bandwidth(params, spec.dtype); break;
    case Workload::Infer: spec.infer = parse_infer(params); break;
  }
  return spec;
}

size_t output_count(const CaseSpec& spec) {
  switch (spec.workload) {
    case Workload::Matmul: return size_t(spec.matmul.batch * spec.matmul.m * spec.matmul.n);
    case Workload::Conv2d: return size_t(spec.conv.n * spec.conv.k * spec.conv.p() * spec.conv.q());
    case Workload::Train: return 0;
    case Workload::Attention: return size_t(spec.attention.rows() * spec.attention.head_dim);
    case Workload::Bandwidth: return size_t(spec.bandwidth.elements);
    case Workload::Infer: return size_t(spec.infer.batch * spec.infer.layers.back());
  }
  return 0;
}

}  // namespace mpsbench
