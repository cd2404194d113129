// f32 conv2d forward: im2col + sgemm per image and group, NCHW (weights KCRS) or NHWC (weights
// KRSC). A 1×1, stride-1, unpadded convolution skips im2col and multiplies the input in place.
#include <algorithm>
#include <cstring>

#include "cpu_blas.h"
#include "cpu_kernel.h"
#include "mpsbench/layout.h"

namespace mpsbench::cpu {
namespace {

class Conv2d : public Kernel {
 public:
  Conv2d(const ConvSpec& s, const CaseInputs& in)
      : s_(s), p_(s.p()), q_(s.q()), cg_(s.c / s.groups), kg_(s.k / s.groups), crs_(cg_ * s.r * s.s),
        pointwise_(s.r == 1 && s.s == 1 && s.stride == 1 && s.pad == 0),
        x_(s.nhwc ? to_nhwc(in.x, s.n, s.c, s.h * s.w) : in.x),
        w_(s.nhwc ? to_nhwc(in.w, s.k, cg_, s.r * s.s) : in.w),
        y_(size_t(s.n * s.k * p_ * q_)), col_(pointwise_ ? 0 : size_t(crs_ * p_ * q_)) {}

  void run() override {
    for (int64_t n = 0; n < s_.n; ++n) {
      for (int64_t g = 0; g < s_.groups; ++g) s_.nhwc ? run_nhwc(n, g) : run_nchw(n, g);
    }
  }

  std::vector<float> output() const override { return s_.nhwc ? to_nchw(y_, s_.n, s_.k, p_ * q_) : y_; }

  int64_t mem_bytes() const override { return bytes_of(x_) + bytes_of(w_) + bytes_of(y_) + bytes_of(col_); }

  Json info() const override {
    return Json::object()
        .set("algo", pointwise_ ? "sgemm (1x1, no im2col)" : "im2col + sgemm")
        .set("layout", s_.nhwc ? "nhwc" : "nchw");
  }

 private:
  ConvSpec s_;
  int64_t p_, q_, cg_, kg_, crs_;
  bool pointwise_;
  std::vector<float> x_, w_, y_, col_;

  /// col[(c·R + r)·S + t][p·Q + q] = X[n][g·Cg + c][ih][iw], zero outside the input.
  void im2col_nchw(int64_t n, int64_t g) {
    for (int64_t c = 0; c < cg_; ++c) {
      const float* plane = x_.data() + ((n * s_.c + g * cg_ + c) * s_.h) * s_.w;
      for (int64_t r = 0; r < s_.r; ++r) {
        for (int64_t t = 0; t < s_.s; ++t) {
          float* dst = col_.data() + ((c * s_.r + r) * s_.s + t) * p_ * q_;
          for (int64_t p = 0; p < p_; ++p, dst += q_) {
            const int64_t ih = p * s_.stride - s_.pad + r * s_.dilation;
            if (ih < 0 || ih >= s_.h) {
              std::fill(dst, dst + q_, 0.0f);
              continue;
            }
            const float* src = plane + ih * s_.w;
            for (int64_t q = 0; q < q_; ++q) {
              const int64_t iw = q * s_.stride - s_.pad + t * s_.dilation;
              dst[q] = (iw >= 0 && iw < s_.w) ? src[iw] : 0.0f;
            }
          }
        }
      }
    }
  }

  /// col[p·Q + q][(r·S + t)·Cg + c] = X[n][ih][iw][g·Cg + c], zero outside the input.
  void im2col_nhwc(int64_t n, int64_t g) {
    float* dst = col_.data();
    for (int64_t p = 0; p < p_; ++p) {
      for (int64_t q = 0; q < q_; ++q) {
        for (int64_t r = 0; r < s_.r; ++r) {
          const int64_t ih = p * s_.stride - s_.pad + r * s_.dilation;
          for (int64_t t = 0; t < s_.s; ++t, dst += cg_) {
            const int64_t iw = q * s_.stride - s_.pad + t * s_.dilation;
            if (ih < 0 || ih >= s_.h || iw < 0 || iw >= s_.w) {
              std::fill(dst, dst + cg_, 0.0f);
            } else {
              std::memcpy(dst, x_.data() + ((n * s_.h + ih) * s_.w + iw) * s_.c + g * cg_, size_t(cg_) * sizeof(float));
            }
          }
        }
      }
    }
  }

  /// Y[n][g·Kg …][PQ] = W_g [Kg][CgRS] · col [CgRS][PQ].
  void run_nchw(int64_t n, int64_t g) {
    const float* src = x_.data() + (n * s_.c + g * cg_) * s_.h * s_.w;
    if (!pointwise_) {
      im2col_nchw(n, g);
      src = col_.data();
    }
    sgemm(false, false, kg_, p_ * q_, crs_, 1.0f, w_.data() + g * kg_ * crs_, crs_, src, p_ * q_, 0.0f,
          y_.data() + (n * s_.k + g * kg_) * p_ * q_, p_ * q_);
  }

  /// Y[n][PQ][g·Kg …] = col [PQ][RSCg] · W_gᵀ, W_g being [Kg][RSCg].
  void run_nhwc(int64_t n, int64_t g) {
    const float* src = x_.data() + n * s_.h * s_.w * s_.c + g * cg_;
    int64_t lda = s_.c;
    if (!pointwise_) {
      im2col_nhwc(n, g);
      src = col_.data();
      lda = crs_;
    }
    sgemm(false, true, p_ * q_, kg_, crs_, 1.0f, src, lda, w_.data() + g * kg_ * crs_, crs_, 0.0f,
          y_.data() + n * p_ * q_ * s_.k + g * kg_, s_.k);
  }
};

}  // namespace

std::unique_ptr<Kernel> make_conv2d(const ConvSpec& spec, const CaseInputs& in) {
  return std::make_unique<Conv2d>(spec, in);
}

}  // namespace mpsbench::cpu
