// The staged check of the first train step (protocol.md §4, table "train"): each stage is compared
// with float64 recomputed from the backend's own inputs to that stage.
#include <algorithm>
#include <cmath>

#include "mpsbench/error.h"
#include "mpsbench/verify.h"

namespace mpsbench {
namespace {

using Matrix = std::vector<float>;

/// Shapes and sample settings shared by the stages.
struct Step {
  const CaseSpec& spec;
  const CaseInputs& in;
  const TrainTrace& tr;
  int64_t samples;
  size_t batch() const { return size_t(spec.train.batch); }
  size_t width(size_t l) const { return size_t(spec.train.layers[l]); }
  /// h_(l-1) as the backend saw it: x for l = 1.
  const Matrix& input_of(size_t l) const { return l == 1 ? in.train_x : tr.h[l - 2]; }
  std::vector<size_t> picks(size_t count) const { return checked_indices(spec.seed, samples, count); }
};

void check_shapes(const Step& st) {
  const size_t n = st.spec.train.depth();
  bool ok = st.tr.z.size() == n && st.tr.h.size() == n - 1 && st.tr.dz.size() == n && st.tr.w.size() == n &&
            st.tr.b.size() == n;
  for (size_t l = 1; ok && l <= n; ++l) {
    const size_t rows = st.batch() * st.width(l);
    ok = st.tr.z[l - 1].size() == rows && st.tr.dz[l - 1].size() == rows && (l == n || st.tr.h[l - 1].size() == rows) &&
         st.tr.w[l - 1].size() == st.width(l - 1) * st.width(l) && st.tr.b[l - 1].size() == st.width(l);
  }
  if (!ok) throw BackendError(ErrorKind::Internal, "train trace has the wrong shapes");
}

/// Forward: sampled z_l = h_(l-1)·W_l + b_l, and h_l = relu(z_l) at the same positions.
void check_forward(const Step& st, size_t l, ErrorStats& e) {
  const Matrix& h = st.input_of(l);
  const Matrix& w = st.in.weights[l - 1];
  const size_t fan_in = st.width(l - 1), fan_out = st.width(l);
  for (size_t idx : st.picks(st.tr.z[l - 1].size())) {
    const size_t b = idx / fan_out, j = idx % fan_out;
    double ref = st.in.biases[l - 1][j], norm = std::fabs(ref);
    for (size_t i = 0; i < fan_in; ++i) {
      const double t = double(h[b * fan_in + i]) * w[i * fan_out + j];
      ref += t;
      norm += std::fabs(t);
    }
    const double z = st.tr.z[l - 1][idx];
    e.add(z, ref, norm);
    if (l < st.spec.train.depth()) e.add(st.tr.h[l - 1][idx], std::max(z, 0.0), std::fabs(z));
  }
}

/// Loss and output gradient dz_n = (softmax(logits) − onehot) / batch, from the backend's logits.
void check_output(const Step& st, ErrorStats& e) {
  const size_t n = st.spec.train.depth(), classes = st.width(n), batch = st.batch();
  const Matrix& logits = st.tr.z[n - 1];
  double loss = 0;
  for (size_t b = 0; b < batch; ++b) {
    const float* row = logits.data() + b * classes;
    const double top = *std::max_element(row, row + classes);
    double sum = 0;
    for (size_t j = 0; j < classes; ++j) sum += std::exp(row[j] - top);
    const size_t label = size_t(st.in.labels[b]);
    loss += top + std::log(sum) - row[label];
    for (size_t j = 0; j < classes; ++j) {
      const double ref = (std::exp(row[j] - top) / sum - (j == label ? 1.0 : 0.0)) / double(batch);
      e.add(st.tr.dz[n - 1][b * classes + j], ref, 1.0 / double(batch));
    }
  }
  loss /= double(batch);
  e.add(st.tr.loss, loss, std::max(std::fabs(loss), 1.0));
}

/// Hidden gradients: sampled dz_l = (dz_(l+1)·W_(l+1)ᵀ) masked by z_l > 0, with the initial W_(l+1).
void check_hidden(const Step& st, size_t l, ErrorStats& e) {
  const Matrix& w = st.in.weights[l];
  const Matrix& dz_next = st.tr.dz[l];
  const size_t width = st.width(l), next = st.width(l + 1);
  for (size_t idx : st.picks(st.tr.dz[l - 1].size())) {
    const size_t b = idx / width, i = idx % width;
    double sum = 0, norm = 0;
    for (size_t j = 0; j < next; ++j) {
      const double t = double(dz_next[b * next + j]) * w[i * next + j];
      sum += t;
      norm += std::fabs(t);
    }
    e.add(st.tr.dz[l - 1][idx], st.tr.z[l - 1][idx] > 0 ? sum : 0.0, norm);
  }
}

/// Updates: sampled W_l' = W_l − lr·Σ_b h_(l-1)[b][i]·dz_l[b][j] and b_l' = b_l − lr·Σ_b dz_l[b][j].
void check_update(const Step& st, size_t l, ErrorStats& e) {
  const Matrix& h = st.input_of(l);
  const Matrix& dz = st.tr.dz[l - 1];
  const double lr = st.spec.train.lr;
  const size_t fan_in = st.width(l - 1), fan_out = st.width(l);
  for (size_t idx : st.picks(st.tr.w[l - 1].size())) {
    const size_t i = idx / fan_out, j = idx % fan_out;
    double sum = 0, norm = 0;
    for (size_t b = 0; b < st.batch(); ++b) {
      const double t = double(h[b * fan_in + i]) * dz[b * fan_out + j];
      sum += t;
      norm += std::fabs(t);
    }
    const double w0 = st.in.weights[l - 1][idx];
    e.add(st.tr.w[l - 1][idx], w0 - lr * sum, std::fabs(w0) + std::fabs(lr) * norm);
  }
  for (size_t j : st.picks(fan_out)) {
    double sum = 0, norm = 0;
    for (size_t b = 0; b < st.batch(); ++b) {
      sum += dz[b * fan_out + j];
      norm += std::fabs(dz[b * fan_out + j]);
    }
    const double b0 = st.in.biases[l - 1][j];
    e.add(st.tr.b[l - 1][j], b0 - lr * sum, std::fabs(b0) + std::fabs(lr) * norm);
  }
}

}  // namespace

ErrorStats verify_train(const CaseSpec& spec, const CaseInputs& in, const TrainTrace& trace,
                        int64_t samples) {
  const Step st{spec, in, trace, samples};
  check_shapes(st);
  ErrorStats e;
  for (const auto* group : {&trace.z, &trace.h, &trace.dz, &trace.w, &trace.b}) {
    for (const Matrix& m : *group) e.scan_nonfinite(m);
  }
  e.nonfinite += std::isfinite(trace.loss) ? 0 : 1;
  const size_t n = spec.train.depth();
  for (size_t l = 1; l <= n; ++l) check_forward(st, l, e);
  check_output(st, e);
  for (size_t l = n - 1; l >= 1; --l) check_hidden(st, l, e);
  for (size_t l = 1; l <= n; ++l) check_update(st, l, e);
  return e;
}

}  // namespace mpsbench
