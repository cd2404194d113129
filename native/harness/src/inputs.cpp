// Input generation per workload (see inputs.h and protocol.md §4).
#include "mpsbench/inputs.h"

#include <cmath>

#include "mpsbench/generator.h"

namespace mpsbench {
namespace {

/// x (stream 1) and Glorot-scaled W_l (stream 10 + l) with zero biases: the MLP of train and infer.
void make_mlp(const CaseSpec& spec, const std::vector<int64_t>& layers, int64_t batch, CaseInputs& in) {
  in.train_x = generate(spec.seed, 1, size_t(batch * layers[0]), 1.0, spec.dtype);
  for (size_t l = 1; l < layers.size(); ++l) {
    const int64_t fan_in = layers[l - 1], fan_out = layers[l];
    const double scale = std::sqrt(6.0 / double(fan_in + fan_out));
    in.weights.push_back(generate(spec.seed, 10 + l, size_t(fan_in * fan_out), scale, spec.dtype));
    in.biases.emplace_back(size_t(fan_out), 0.0f);
  }
}

void make_train(const CaseSpec& spec, CaseInputs& in) {
  const TrainSpec& t = spec.train;
  make_mlp(spec, t.layers, t.batch, in);
  const GenStream label_stream(spec.seed, 2);
  const auto classes = static_cast<uint64_t>(t.layers.back());
  in.labels.resize(size_t(t.batch));
  for (int64_t b = 0; b < t.batch; ++b) in.labels[size_t(b)] = int32_t(label_stream.bits(uint64_t(b)) % classes);
}

void make_attention(const CaseSpec& spec, CaseInputs& in) {
  const AttentionSpec& s = spec.attention;
  const size_t bh = size_t(s.batch * s.heads);
  in.q = generate(spec.seed, 1, bh * size_t(s.seq * s.head_dim), 1.0, spec.dtype);
  in.k = generate(spec.seed, 2, bh * size_t(s.kv_seq * s.head_dim), 1.0, spec.dtype);
  in.v = generate(spec.seed, 3, bh * size_t(s.kv_seq * s.head_dim), 1.0, spec.dtype);
}

}  // namespace

CaseInputs make_inputs(const CaseSpec& spec) {
  CaseInputs in;
  switch (spec.workload) {
    case Workload::Matmul: {
      const MatmulSpec& m = spec.matmul;
      in.a = generate(spec.seed, 1, size_t(m.batch * m.m * m.k), 1.0, spec.dtype);
      in.b = generate(spec.seed, 2, size_t(m.batch * m.k * m.n), 1.0, spec.dtype);
      break;
    }
    case Workload::Conv2d: {
      const ConvSpec& c = spec.conv;
      in.x = generate(spec.seed, 1, size_t(c.n * c.c * c.h * c.w), 1.0, spec.dtype);
      in.w = generate(spec.seed, 2, size_t(c.k * (c.c / c.groups) * c.r * c.s), 1.0, spec.dtype);
      break;
    }
    case Workload::Train: make_train(spec, in); break;
    case Workload::Attention: make_attention(spec, in); break;
    case Workload::Bandwidth:
      in.a = generate(spec.seed, 1, size_t(spec.bandwidth.elements), 1.0, spec.dtype);
      if (spec.bandwidth.triad) in.b = generate(spec.seed, 2, size_t(spec.bandwidth.elements), 1.0, spec.dtype);
      break;
    case Workload::Infer: make_mlp(spec, spec.infer.layers, spec.infer.batch, in); break;
  }
  return in;
}

}  // namespace mpsbench
