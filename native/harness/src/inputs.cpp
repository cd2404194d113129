// Input generation per workload (see inputs.h and protocol.md §4).
#include "mpsbench/inputs.h"

#include <cmath>

#include "mpsbench/generator.h"

namespace mpsbench {
namespace {

void make_train(const CaseSpec& spec, CaseInputs& in) {
  const TrainSpec& t = spec.train;
  in.train_x = generate(spec.seed, 1, size_t(t.batch * t.layers[0]), 1.0, spec.dtype);
  const GenStream label_stream(spec.seed, 2);
  const auto classes = static_cast<uint64_t>(t.layers.back());
  in.labels.resize(size_t(t.batch));
  for (int64_t b = 0; b < t.batch; ++b) in.labels[size_t(b)] = int32_t(label_stream.bits(uint64_t(b)) % classes);
  for (size_t l = 1; l <= t.depth(); ++l) {
    const int64_t fan_in = t.layers[l - 1], fan_out = t.layers[l];
    const double scale = std::sqrt(6.0 / double(fan_in + fan_out));
    in.weights.push_back(generate(spec.seed, 10 + l, size_t(fan_in * fan_out), scale, spec.dtype));
    in.biases.emplace_back(size_t(fan_out), 0.0f);
  }
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
  }
  return in;
}

}  // namespace mpsbench
