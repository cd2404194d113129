// Case descriptions: the validated `case` object of a run request (protocol.md §2, §4).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpsbench/dtype.h"
#include "mpsbench/json.h"

namespace mpsbench {

/// The workloads of protocol v1.
enum class Workload { Matmul, Conv2d, Train, Attention, Bandwidth, Infer };

/// The protocol name of a workload ("matmul", "conv2d", "train", "attention", "bandwidth", "infer").
std::string workload_name(Workload w);

/// C[b] = op(A[b]) · op(B[b]) with A [batch][M][K] ([batch][K][M] when trans_a), B likewise.
struct MatmulSpec {
  int64_t m = 0, n = 0, k = 0, batch = 1;
  bool trans_a = false, trans_b = false;
};

/// Forward cross-correlation Y[N][K][P][Q] = X[N][C][H][W] ⋆ W[K][C/groups][R][S].
struct ConvSpec {
  int64_t n = 0, c = 0, h = 0, w = 0, k = 0, r = 0, s = 0;
  int64_t stride = 1, pad = 0, dilation = 1, groups = 1;
  bool nhwc = false;  ///< device layout; inputs and outputs are exchanged in logical NCHW/KCRS order
  /// Output height P.
  int64_t p() const { return (h + 2 * pad - dilation * (r - 1) - 1) / stride + 1; }
  /// Output width Q.
  int64_t q() const { return (w + 2 * pad - dilation * (s - 1) - 1) / stride + 1; }
};

/// One SGD step of an MLP with widths layers[0..n] (protocol.md §4 "train").
struct TrainSpec {
  std::vector<int64_t> layers;
  int64_t batch = 0;
  double lr = 0;
  /// Number of weight layers n.
  size_t depth() const { return layers.size() - 1; }
};

/// O = softmax(Q·Kᵀ/√d [+ causal mask])·V with Q, O [batch][heads][seq][d], K, V [batch][heads][kv_seq][d].
struct AttentionSpec {
  int64_t batch = 1, heads = 1, seq = 0, kv_seq = 0, head_dim = 0;  ///< kv_seq resolved (never 0)
  bool causal = false;  ///< query i attends to keys 0…i (needs kv_seq == seq)
  /// Rows of O (batch·heads·seq), each of head_dim elements.
  int64_t rows() const { return batch * heads * seq; }
};

/// STREAM copy (b = a) or triad (a = b + kTriadScalar·c) over arrays of `elements` elements.
struct BandwidthSpec {
  bool triad = false;
  int64_t mib = 0;       ///< size of each array in MiB, as the case names it
  int64_t elements = 0;  ///< mib·2^20 / dtype bytes
};

/// The triad's scalar s (exact in every dtype).
constexpr double kTriadScalar = 3.0;

/// Forward pass of the MLP of `train` (protocol.md §4 "infer"): logits z_n [batch][L_n].
struct InferSpec {
  std::vector<int64_t> layers;
  int64_t batch = 0;
  /// Number of weight layers n.
  size_t depth() const { return layers.size() - 1; }
};

/// A validated case; only the spec of `workload` is meaningful.
struct CaseSpec {
  std::string key;
  Workload workload = Workload::Matmul;
  DType dtype = DType::F32;
  uint64_t seed = 0;
  MatmulSpec matmul;
  ConvSpec conv;
  TrainSpec train;
  AttentionSpec attention;
  BandwidthSpec bandwidth;
  InferSpec infer;
};

/// Parses and validates the `case` object of a run request. Throws BackendError: `unsupported` for a
/// workload or dtype name this runner does not know, `invalid` for missing or out-of-range params.
CaseSpec parse_case(const Json& c);

/// Number of output elements the backend returns (matmul C, conv2d Y, attention O, bandwidth's
/// written array, infer logits; 0 for train).
size_t output_count(const CaseSpec& spec);

}  // namespace mpsbench
