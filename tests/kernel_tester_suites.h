#pragma once
// One suite per kernel family, built on the testers of kernel_tester.h:
//   run_gemm_suite         gemm_nn / gemm_nt / gemm_tn
//   run_activation_suite   bias_activation + activation_backward, every activation
//   run_column_sums_suite  column_sums
#include "tests/kernel_tester.h"

// The awkward sizes every variant of a GEMM runs through, relative to the
// 4×8 register tile (MR = 4 rows, NR = 8 columns) and the k-block of 256 that
// the SIMD GEMMs use, and on both sides of gemm_nt__wasmsimd's switch to row
// dot products (k ≥ 16 with m < 16 or n < 16; dots run 4 k at a time), and
// of the unpacked direct loops for tiny products (m·n·k ≤ 4096).
// One SUBCASE per kind of shape.
namespace bpl::kernels::testing {

inline void run_gemm_suite(GemmForm form, GemmFn kernel, GemmFn reference = nullptr) {
  const GemmTester base = GemmTester().form(form);
  SUBCASE("k below, at, above and a multiple of the unroll and the k-block") {
    for (int k : {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 255, 256, 257, 600})
      for (int m : {1, 4, 5})
        for (int n : {8, 9}) GemmTester(base).m(m).n(n).k(k).test(kernel, reference);
  }
  SUBCASE("both sides of the unpacked path for tiny products (m·n·k ≤ 4096; nt: n·k ≤ 512)") {
    struct Shape {
      int m, n, k;
    };
    for (Shape s : {Shape{16, 16, 16}, Shape{16, 16, 17}, Shape{1, 32, 16}, Shape{1, 32, 17},
                    Shape{2, 64, 32}, Shape{2, 64, 33}, Shape{10, 13, 31}, Shape{10, 15, 27}}) {
      GemmTester(base).m(s.m).n(s.n).k(s.k).test(kernel, reference);
      GemmTester(base).m(s.m).n(s.n).k(s.k).pad(3, 1, 2).beta(0.5f).test(kernel, reference);
    }
  }
  SUBCASE("k-blocks with several tiles in both directions") {
    for (int k : {255, 256, 257, 513})
      for (int m : {16, 17})
        for (int n : {16, 17, 33})
          GemmTester(base).m(m).n(n).k(k).pad(1, 2, 3).test(kernel, reference);
  }
  SUBCASE("n below, at and beyond the tile width") {
    for (int n = 1; n <= 33; ++n) {
      GemmTester(base).m(4).n(n).k(7).test(kernel, reference);
      GemmTester(base).m(5).n(n).k(3).test(kernel, reference);
    }
    for (int n : {63, 64, 65, 127, 129}) GemmTester(base).m(6).n(n).k(9).test(kernel, reference);
  }
  SUBCASE("m below, at and beyond the tile height") {
    for (int m = 1; m <= 13; ++m)
      for (int n : {8, 17}) GemmTester(base).m(m).n(n).k(5).test(kernel, reference);
  }
  SUBCASE("odd leading dimensions") {
    for (int m : {1, 3, 5, 9})
      for (int n : {1, 7, 8, 9, 21}) {
        GemmTester(base).m(m).n(n).k(6).pad(1, 3, 5).test(kernel, reference);
        GemmTester(base).m(m).n(n).k(11).pad(7, 1, 2).beta(1.0f).test(kernel, reference);
        GemmTester(base).m(m).n(n).k(19).pad(3, 5, 1).beta(0.5f).test(kernel, reference);
      }
  }
  SUBCASE("alpha and beta variants (beta = 0 runs on a NaN-filled C)") {
    for (float alpha : {1.0f, -0.5f, 0.0f, 1.0f / 128})
      for (float beta : {0.0f, 1.0f, -2.0f, 0.5f})
        for (int m : {3, 7}) {
          for (int k : {13, 21})
            GemmTester(base).m(m).n(19).k(k).alpha(alpha).beta(beta).test(kernel, reference);
        }
  }
  SUBCASE("empty shapes: k = 0 leaves beta·C, m = 0 or n = 0 touch nothing") {
    for (float beta : {0.0f, 1.0f, 0.5f}) GemmTester(base).m(3).n(9).k(0).beta(beta).test(kernel);
    GemmTester(base).m(0).n(9).k(4).test(kernel);
    GemmTester(base).m(5).n(0).k(4).test(kernel);
  }
  SUBCASE("the MLP's shapes: 784-128-10 at batch 128 and a Playground net at batch 10") {
    // forward Z = X·Wᵀ (nt), weight gradient dW = dZᵀ·X (tn), input gradient dX = dZ·W (nn)
    struct Shape {
      int m, n, k;
    };
    const Shape layer1 = form == GemmForm::nt ? Shape{128, 128, 784} : Shape{128, 784, 128};
    const Shape layer2 = form == GemmForm::nt   ? Shape{128, 10, 128}
                         : form == GemmForm::tn ? Shape{10, 128, 128}
                                                : Shape{128, 128, 10};
    GemmTester(base).m(layer1.m).n(layer1.n).k(layer1.k).test(kernel, reference);
    GemmTester(base)
        .m(layer2.m)
        .n(layer2.n)
        .k(layer2.k)
        .alpha(1.0f / 128)
        .beta(1.0f)
        .test(kernel, reference);
    GemmTester(base).m(10).n(8).k(2).test(kernel, reference);
    GemmTester(base).m(10).n(1).k(8).test(kernel, reference);
    GemmTester(base).m(8).n(2).k(10).test(kernel, reference);
  }
}

// Tolerances: exact activations round once (the bias add is checked
// bitwise); the transcendental ones are allowed a few ulp relative plus an
// absolute floor (gelu's Φ cancels for negative z, so its floor scales with |z|).
inline ActivationTester activation_tester(Activation act) {
  ActivationTester tester;
  tester.activation(act).slope(0.01f);
  switch (act) {
    case Activation::sigmoid:
    case Activation::tanh:
      tester.tolerance(1e-6, 1e-7);
      break;
    case Activation::gelu:
      tester.tolerance(1e-6, 1e-6);
      break;
    default:
      tester.tolerance(1e-7, 0.0);
      break;
  }
  return tester;
}

constexpr Activation kAllActivations[] = {Activation::linear,     Activation::sigmoid,
                                          Activation::tanh,       Activation::relu,
                                          Activation::leaky_relu, Activation::gelu};

inline void run_activation_suite(BiasActivationFn forward, ActivationBackwardFn backward) {
  for (Activation act : kAllActivations) {
    CAPTURE(int(act));
    for (int rows : {1, 3, 4, 7})
      for (int cols : {1, 3, 4, 5, 8, 13, 33})
        for (int pad : {0, 3}) {
          activation_tester(act).rows(rows).cols(cols).pad(pad).test(forward);
          // δ = u ⊙ act'(z) reads act' from the float a = act(z): a's rounding
          // (ε/2) moves σ' = a(1−a) and tanh' = 1−a² by about ε·|u| absolute.
          activation_tester(act)
              .rows(rows)
              .cols(cols)
              .pad(pad)
              .tolerance(1e-6, 5e-7)
              .test(backward);
        }
    // A long sweep through the curved range of the approximations.
    activation_tester(act).rows(64).cols(157).test(forward);
    activation_tester(act).rows(64).cols(157).tolerance(1e-6, 5e-7).test(backward);
  }
}

inline void run_column_sums_suite(ColumnSumsFn kernel) {
  SUBCASE("sizes around the vector width and the column block") {
    for (int rows : {0, 1, 2, 5, 128})
      for (int cols : {1, 3, 4, 5, 8, 15, 16, 17, 255, 256, 257, 784})
        ColumnSumsTester().rows(rows).cols(cols).test(kernel);
  }
  SUBCASE("odd leading dimension, alpha and beta (beta = 0 on NaN sums)") {
    for (float alpha : {1.0f, 1.0f / 128, 0.0f})
      for (float beta : {0.0f, 1.0f, 0.9f})
        ColumnSumsTester().rows(9).cols(19).pad(5).alpha(alpha).beta(beta).test(kernel);
  }
}

}  // namespace bpl::kernels::testing
