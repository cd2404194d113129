// The CPU backend's conv2d (im2col + sgemm, both layouts) against a naive direct convolution for
// odd shapes, and verify_conv2d on its output.
#include "check.h"
#include "mpsbench/layout.h"
#include "mpsbench/runner_main.h"
#include "mpsbench/verify.h"

using namespace mpsbench;

namespace {

CaseSpec conv_spec(std::vector<int64_t> d, bool nhwc) {
  CaseSpec spec;
  spec.workload = Workload::Conv2d;
  spec.seed = 3;
  ConvSpec& s = spec.conv;
  s.n = d[0], s.c = d[1], s.h = d[2], s.w = d[3], s.k = d[4], s.r = d[5], s.s = d[6];
  s.stride = d[7], s.pad = d[8], s.dilation = d[9], s.groups = d[10], s.nhwc = nhwc;
  return spec;
}

/// Direct cross-correlation in double, all outputs in NCHW order, with the Σ|x·w| of each.
void direct(const ConvSpec& s, const CaseInputs& in, std::vector<double>& y, std::vector<double>& norm) {
  const int64_t cg = s.c / s.groups, kg = s.k / s.groups;
  for (int64_t n = 0; n < s.n; ++n)
    for (int64_t k = 0; k < s.k; ++k)
      for (int64_t p = 0; p < s.p(); ++p)
        for (int64_t q = 0; q < s.q(); ++q) {
          double sum = 0, mag = 0;
          for (int64_t c = 0; c < cg; ++c)
            for (int64_t r = 0; r < s.r; ++r)
              for (int64_t t = 0; t < s.s; ++t) {
                const int64_t ih = p * s.stride - s.pad + r * s.dilation, iw = q * s.stride - s.pad + t * s.dilation;
                if (ih < 0 || ih >= s.h || iw < 0 || iw >= s.w) continue;
                const double v = double(in.x[size_t(((n * s.c + (k / kg) * cg + c) * s.h + ih) * s.w + iw)]) *
                                 in.w[size_t(((k * cg + c) * s.r + r) * s.s + t)];
                sum += v, mag += std::fabs(v);
              }
          y.push_back(sum);
          norm.push_back(mag);
        }
}

}  // namespace

TEST_SUITE(conv) {
  // Layout conversions every NHWC backend uses: [2][3][4] with value = NCHW linear index.
  std::vector<float> nchw(24);
  for (size_t i = 0; i < nchw.size(); ++i) nchw[i] = float(i);
  const std::vector<float> nhwc = to_nhwc(nchw, 2, 3, 4);
  CHECK_EQ(nhwc[1], 4.0f);            // (o=0, i=0, c=1) ← (o=0, c=1, i=0) = 1·4
  CHECK_EQ(nhwc[3 * 3 + 2], 11.0f);   // (o=0, i=3, c=2) ← 2·4 + 3
  CHECK_EQ(nhwc[12], 12.0f);          // second outer block starts where it did
  CHECK(to_nchw(nhwc, 2, 3, 4) == nchw);

  const std::vector<std::vector<int64_t>> shapes = {
      // n  c  h   w  k  r  s  stride pad dil groups
      {2, 6, 9, 11, 4, 3, 3, 2, 1, 2, 2},  // stride, pad, dilation, groups
      {1, 3, 7, 5, 5, 2, 3, 1, 0, 1, 1},   // even kernel, no padding
      {3, 8, 6, 6, 8, 1, 1, 1, 0, 1, 4},   // pointwise, grouped (no im2col)
      {2, 4, 5, 5, 6, 1, 1, 2, 0, 1, 1},   // 1×1 with stride (im2col)
      {2, 4, 5, 5, 6, 3, 3, 3, 2, 1, 1},   // stride 3, pad 2
      {1, 4, 8, 8, 4, 3, 3, 1, 1, 1, 4},   // depthwise
      {1, 2, 4, 4, 2, 4, 4, 1, 0, 1, 1},   // kernel as large as the input: 1×1 output
  };
  const auto backend = make_backend(RunnerEnv{1});
  for (const auto& d : shapes) {
    for (bool nhwc : {false, true}) {
      const CaseSpec spec = conv_spec(d, nhwc);
      const CaseInputs in = make_inputs(spec);
      backend->prepare(spec, in);
      backend->run_batch(1);
      const std::vector<float> y = backend->output();
      CHECK(backend->mem_bytes() >= int64_t((in.x.size() + in.w.size() + y.size()) * sizeof(float)));
      backend->release();
      std::vector<double> ref, norm;
      direct(spec.conv, in, ref, norm);
      CHECK_EQ(y.size(), ref.size());
      double worst = 0;
      for (size_t i = 0; i < ref.size() && i < y.size(); ++i) {
        worst = std::max(worst, std::fabs(y[i] - ref[i]) / std::max(norm[i], 1e-30));
      }
      CHECK(worst < 1e-6);
      CHECK(verify_conv2d(spec, in, y, 64).max_rel_err < 1e-6);
      std::vector<float> bad = y;
      bad[0] += 0.01f;
      CHECK(verify_conv2d(spec, in, bad, 64).max_rel_err > 1e-4);
    }
  }
}
