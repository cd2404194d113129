// Verification against float64 (protocol.md §4 "Verification"): sampled output elements are
// recomputed on the host from the stored inputs and compared with a magnitude-normalised error.
#pragma once

#include <cstdint>
#include <vector>

#include "mpsbench/backend.h"
#include "mpsbench/inputs.h"
#include "mpsbench/json.h"
#include "mpsbench/workload.h"

namespace mpsbench {

/// The verify object of a run reply, accumulated over checked elements.
struct ErrorStats {
  double max_rel_err = 0;  ///< worst |y − ref| / max(norm, 1e-30) over finite checked elements
  int64_t checked = 0;     ///< elements compared
  int64_t nonfinite = 0;   ///< NaN or infinite outputs (max_rel_err is reported as null then)

  /// Compares one output y with its float64 reference and normaliser; a non-finite y is not
  /// counted here (scan_nonfinite counts the whole output).
  void add(double y, double ref, double norm);
  /// Counts the non-finite elements of a whole output.
  void scan_nonfinite(const std::vector<float>& out);
  /// {"max_rel_err": x or null, "checked": n, "nonfinite": k}.
  Json to_json() const;
};

/// The checked indices of an output of `count` elements: 0, count−1, then bits(seed, 99, j) mod count
/// for j = 0 … samples−1 (duplicates kept, so there are always samples + 2 of them).
std::vector<size_t> checked_indices(uint64_t seed, int64_t samples, size_t count);

/// Throws `internal` unless a backend's output has `expected` elements (`what` names it).
void check_size(const std::vector<float>& out, size_t expected, const char* what);

/// Checks matmul C [batch][M][N] against Σ_k op(A)[i][k]·op(B)[k][j].
ErrorStats verify_matmul(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& c,
                         int64_t samples);

/// Checks conv2d Y [N][K][P][Q] (logical order) against the direct cross-correlation.
ErrorStats verify_conv2d(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& y,
                         int64_t samples);

/// The staged check of the first train step (protocol.md §4 table), from the initial inputs `in`
/// and the backend's intermediates `trace`; max_rel_err is the maximum over all stages.
ErrorStats verify_train(const CaseSpec& spec, const CaseInputs& in, const TrainTrace& trace,
                        int64_t samples);

/// Checks whole rows of attention O [batch][heads][seq][d]: the rows checked_indices picks over
/// batch·heads·seq, each recomputed as softmax(q·Kᵀ/√d)·V in float64, normalised per element by
/// Σ_j p_j·|v_j|.
ErrorStats verify_attention(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& o,
                            int64_t samples);

/// Checks every element of the array bandwidth wrote: copy b = a exactly, triad a = b + 3·c
/// (normaliser |b| + 3·|c|).
ErrorStats verify_bandwidth(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& out);

/// Checks sampled infer logits z_n [batch][L_n] against a float64 forward pass of the rows they
/// are in, normalised by Σ|h_(n−1)·W_n| + |b_n| of that pass.
ErrorStats verify_infer(const CaseSpec& spec, const CaseInputs& in, const std::vector<float>& logits,
                        int64_t samples);

}  // namespace mpsbench
