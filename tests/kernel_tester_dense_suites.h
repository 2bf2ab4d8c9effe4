#pragma once
// The awkward sizes every dense-layer kernel variant runs through, with the
// testers of kernel_tester_dense{,_backward}.h.
#include <doctest/doctest.h>

#include "tests/kernel_tester_dense.h"
#include "tests/kernel_tester_dense_backward.h"
#include "tests/kernel_tester_suites.h"

namespace bpl::kernels::testing {

// The SIMD variants switch strategy at size limits, so every suite has a
// subcase on both sides of each (as written now; the shapes are chosen to
// straddle 512-float, 1024-float and 4096-product limits on every axis):
//   dense_forward: fused when n = 1 (any k) or ⌈n/4⌉·4·k ≤ 512 (Wᵀ padded on
//     the stack), else gemm_nt + bias_activation.
//   dense_weight_gradients: direct when rows·n·k ≤ 4096: units as lanes for
//     k ≤ 3 with n a multiple of 4, else per unit, padding X when k isn't a
//     multiple of 4 and rows·⌈k/4⌉·4 ≤ 1024; otherwise gemm_tn + column_sums.
//   dense_input_delta: direct when rows·n·k ≤ 4096 and, for k not a multiple
//     of 4, n·⌈k/4⌉·4 ≤ 512 (padded W), else gemm_nn + activation_backward.
// The other lists sit around the 4-wide vectors, the 8-column chunks and the
// 4-row block of dense_forward's n = 1 path.

struct DenseShape {
  int n, k;
};
struct DenseSize {
  int rows, n, k;
};

constexpr int kDenseNs[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33};
constexpr int kDenseKs[] = {0, 1, 2, 3, 4, 5, 8, 13, 16, 64, 130};
constexpr int kDenseRows[] = {0, 1, 3, 4, 5, 10, 17};

// n4 = ⌈n/4⌉·4, k4 = ⌈k/4⌉·4; each comment gives (n4·k, k4·n).
constexpr DenseShape kPaddedWeightLimitShapes[] = {
    {8, 64},  {9, 64},  {8, 65},    // (512, 512) (768, 576) (520, 544)
    {4, 128}, {4, 129}, {5, 128},   // (512, 512) (516, 528) (1024, 640)
    {64, 8},  {64, 9},  {65, 8},    // (512, 512) (576, 768) (544, 520)
    {128, 4}, {129, 4}, {128, 5},   // (512, 512) (528, 516) (640, 1024)
    {16, 32}, {16, 33}, {17, 32},   // (512, 512) (528, 576) (640, 544)
    {32, 16}, {33, 16}, {32, 17},   // (512, 512) (576, 528) (544, 640)
    {7, 64},  {7, 65},  {64, 7},    // (512, 448) (520, 476) (448, 512)
    {65, 7},  {2, 128}, {2, 129},   // (476, 520) (512, 256) (516, 264)
    {1, 512}, {1, 513}, {1, 1000},  // dense_forward's n = 1 path at any k
};

// Each comment gives (rows·n·k, rows·k4).
constexpr DenseSize kWeightGradientLimitSizes[] = {
    {64, 8, 8},   {65, 8, 8},   {64, 9, 8},   {64, 8, 9},    // (4096, -) and just above
    {16, 16, 16}, {17, 16, 16}, {16, 17, 16}, {16, 16, 17},  // (4096, -) and just above
    {10, 8, 51},  {10, 8, 52},                               // (4080, 520) (4160, -)
    {1, 4, 1024}, {1, 4, 1025},                              // (4096, -) (4100, 1028)
    {256, 1, 3},  {257, 1, 3},                               // (768, 1024) (771, 1028)
    {128, 4, 7},  {129, 4, 7},  {128, 4, 9},  // (3584, 1024) (3612, 1032) (4608, 1536)
};

// Each comment gives (rows·n·k, n·k4).
constexpr DenseSize kInputDeltaLimitSizes[] = {
    {64, 8, 8},   {65, 8, 8},   {64, 9, 8},   {64, 8, 9},    // (4096, -) and just above
    {16, 16, 16}, {17, 16, 16}, {16, 17, 16}, {16, 16, 17},  // (4096, -) and just above
    {10, 8, 51},  {10, 8, 52},                               // (4080, 416) (4160, -)
    {1, 1, 4096}, {1, 1, 4097},                              // (4096, -) (4097, 4100)
    {1, 128, 3},  {1, 129, 3},                               // (384, 512) (387, 516)
    {2, 64, 7},   {2, 65, 7},                                // (896, 512) (910, 520)
    {4, 4, 127},  {4, 4, 129},                               // (2032, 512) (2064, 528)
    {1, 32, 15},  {1, 33, 15},                               // (480, 512) (495, 528)
};

inline void run_dense_forward_suite(DenseForwardFn kernel, DenseForwardFn reference = nullptr) {
  SUBCASE("every activation × n and k around the vector width and the chunks") {
    for (Activation act : kAllActivations)
      for (int n : kDenseNs)
        for (int k : kDenseKs)
          for (int rows : {1, 5})
            dense_forward_tester(act).rows(rows).n(n).k(k).test(kernel, reference);
  }
  SUBCASE("rows around the 4-row block, including none") {
    for (int rows : kDenseRows)
      for (DenseShape s : {DenseShape{1, 7}, DenseShape{3, 5}, DenseShape{9, 16},
                           DenseShape{8, 130}, DenseShape{5, 0}})
        for (Activation act : {Activation::sigmoid, Activation::relu})
          dense_forward_tester(act).rows(rows).n(s.n).k(s.k).test(kernel, reference);
    dense_forward_tester(Activation::tanh).rows(4).n(0).k(5).test(kernel, reference);
  }
  SUBCASE("both sides of the fused path's 512-float limit") {
    for (Activation act : kAllActivations)
      for (DenseShape s : kPaddedWeightLimitShapes)
        for (int rows : {1, 6}) {
          dense_forward_tester(act).rows(rows).n(s.n).k(s.k).test(kernel, reference);
          dense_forward_tester(act)
              .rows(rows)
              .n(s.n)
              .k(s.k)
              .pad(3, 1, 2, 5)
              .test(kernel, reference);
        }
  }
  SUBCASE("odd leading dimensions") {
    for (int n : {1, 5, 8, 9, 17})
      for (int k : {3, 13, 64}) {
        dense_forward_tester(Activation::gelu)
            .rows(5)
            .n(n)
            .k(k)
            .pad(1, 3, 5, 2)
            .test(kernel, reference);
        dense_forward_tester(Activation::leaky_relu)
            .rows(3)
            .n(n)
            .k(k)
            .pad(7, 2, 1, 3)
            .test(kernel, reference);
      }
  }
  SUBCASE("a may alias z") {
    for (Activation act : kAllActivations)
      for (DenseShape s : {DenseShape{1, 8}, DenseShape{3, 5}, DenseShape{8, 8}, DenseShape{9, 64},
                           DenseShape{17, 3}}) {
        dense_forward_tester(act).rows(5).n(s.n).k(s.k).in_place(true).test(kernel, reference);
        dense_forward_tester(act)
            .rows(5)
            .n(s.n)
            .k(s.k)
            .pad(1, 0, 3, 0)
            .in_place(true)
            .test(kernel, reference);
      }
  }
  SUBCASE("activations through zeros, tiny, large and saturating z") {
    for (Activation act : kAllActivations)
      for (DenseShape s : {DenseShape{1, 1}, DenseShape{8, 1}, DenseShape{9, 1}, DenseShape{1, 13},
                           DenseShape{8, 13}, DenseShape{33, 130}})
        dense_forward_tester(act).rows(64).n(s.n).k(s.k).sweep_activation(true).test(kernel,
                                                                                     reference);
  }
  SUBCASE("the MLP's shapes: a Playground net at batch 10, 784-128-10 at batch 128") {
    for (Activation act : kAllActivations)
      for (DenseShape s : {DenseShape{8, 2}, DenseShape{8, 8}, DenseShape{1, 8}})
        dense_forward_tester(act).rows(10).n(s.n).k(s.k).test(kernel, reference);
    dense_forward_tester(Activation::relu).rows(128).n(128).k(784).test(kernel, reference);
    dense_forward_tester(Activation::sigmoid).rows(128).n(128).k(784).test(kernel, reference);
    dense_forward_tester(Activation::linear).rows(128).n(10).k(128).test(kernel, reference);
  }
}

inline void run_dense_weight_gradients_suite(DenseWeightGradientsFn kernel,
                                             DenseWeightGradientsFn reference = nullptr) {
  using Tester = DenseWeightGradientsTester;
  SUBCASE("n and k around the vector width and the chunks (k = 0: db only)") {
    for (int n : kDenseNs)
      for (int k : kDenseKs) {
        Tester().rows(5).n(n).k(k).test(kernel, reference);
        Tester().rows(3).n(n).k(k).alpha(0.5f).beta(1.0f).test(kernel, reference);
      }
  }
  SUBCASE("rows (the summed dimension) around the vector width and the GEMM's k-block") {
    for (int rows : kDenseRows)
      for (DenseShape s :
           {DenseShape{1, 8}, DenseShape{4, 4}, DenseShape{9, 13}, DenseShape{8, 64}})
        Tester().rows(rows).n(s.n).k(s.k).test(kernel, reference);
    for (int rows : {255, 256, 257})
      for (DenseShape s : {DenseShape{3, 5}, DenseShape{17, 9}})
        Tester().rows(rows).n(s.n).k(s.k).beta(0.5f).test(kernel, reference);
  }
  SUBCASE("both sides of the direct path's limits") {
    for (DenseSize s : kWeightGradientLimitSizes) {
      Tester().rows(s.rows).n(s.n).k(s.k).test(kernel, reference);
      Tester().rows(s.rows).n(s.n).k(s.k).pad(1, 3, 2).alpha(0.25f).beta(1.0f).test(kernel,
                                                                                    reference);
    }
    for (DenseShape s : kPaddedWeightLimitShapes)
      for (int rows : {3, 10}) Tester().rows(rows).n(s.n).k(s.k).test(kernel, reference);
    // k ≤ 3 with whole f32x4s of units (units as lanes) against k = 4 and n % 4 ≠ 0.
    for (int n : {4, 8, 12, 32, 6, 10})
      for (int k : {1, 2, 3, 4})
        for (int rows : {1, 10, 17}) {
          Tester().rows(rows).n(n).k(k).test(kernel, reference);
          Tester().rows(rows).n(n).k(k).pad(2, 1, 3).alpha(0.1f).beta(0.9f).test(kernel, reference);
        }
  }
  SUBCASE("odd leading dimensions") {
    for (int n : {1, 5, 8, 9, 17})
      for (int k : {3, 13, 64}) {
        Tester().rows(5).n(n).k(k).pad(1, 3, 5).test(kernel, reference);
        Tester().rows(7).n(n).k(k).pad(5, 1, 2).beta(0.5f).test(kernel, reference);
      }
  }
  SUBCASE("alpha and beta (beta = 0 runs on NaN-filled dw and db)") {
    for (float alpha : {1.0f, -0.5f, 0.0f, 1.0f / 128})
      for (float beta : {0.0f, 1.0f, -2.0f, 0.5f})
        for (DenseShape s : {DenseShape{3, 5}, DenseShape{8, 8}, DenseShape{9, 64},
                             DenseShape{1, 130}, DenseShape{17, 33}})
          Tester().rows(6).n(s.n).k(s.k).alpha(alpha).beta(beta).test(kernel, reference);
  }
  SUBCASE("empty shapes: rows = 0 leaves beta·old, n = 0 touches nothing") {
    for (float beta : {0.0f, 1.0f, 0.5f}) {
      Tester().rows(0).n(9).k(5).beta(beta).test(kernel, reference);
      Tester().rows(0).n(1).k(0).beta(beta).test(kernel, reference);
    }
    Tester().rows(4).n(0).k(5).test(kernel, reference);
    Tester().rows(4).n(0).k(0).test(kernel, reference);
  }
  SUBCASE("the MLP's shapes: a Playground net at batch 10, 784-128-10 at batch 128") {
    for (DenseShape s : {DenseShape{8, 2}, DenseShape{8, 8}, DenseShape{1, 8}}) {
      Tester().rows(10).n(s.n).k(s.k).alpha(0.1f).test(kernel, reference);
      Tester().rows(10).n(s.n).k(s.k).alpha(0.1f).beta(1.0f).test(kernel, reference);
    }
    Tester().rows(128).n(128).k(784).alpha(1.0f / 128).test(kernel, reference);
    Tester().rows(128).n(10).k(128).alpha(1.0f / 128).test(kernel, reference);
    Tester().rows(128).n(10).k(128).alpha(1.0f / 128).beta(1.0f).test(kernel, reference);
  }
}

// A DenseInputDeltaTester with the leaky_relu slope the other suites use.
inline DenseInputDeltaTester dense_input_delta_tester(Activation act) {
  return DenseInputDeltaTester().activation(act).slope(0.01f);
}

inline void run_dense_input_delta_suite(DenseInputDeltaFn kernel,
                                        DenseInputDeltaFn reference = nullptr) {
  const auto tester = dense_input_delta_tester;
  SUBCASE("every activation × n and k around the vector width and the chunks") {
    for (Activation act : kAllActivations)
      for (int n : kDenseNs)
        for (int k : kDenseKs)
          if (k > 0) tester(act).rows(5).n(n).k(k).test(kernel, reference);
  }
  SUBCASE("rows around the vector width, including none") {
    for (int rows : kDenseRows)
      for (DenseShape s :
           {DenseShape{1, 7}, DenseShape{3, 5}, DenseShape{9, 16}, DenseShape{8, 130}})
        for (Activation act : {Activation::tanh, Activation::leaky_relu})
          tester(act).rows(rows).n(s.n).k(s.k).test(kernel, reference);
  }
  SUBCASE("both sides of the direct path's limits") {
    for (Activation act : kAllActivations) {
      for (DenseSize s : kInputDeltaLimitSizes) {
        tester(act).rows(s.rows).n(s.n).k(s.k).test(kernel, reference);
        tester(act).rows(s.rows).n(s.n).k(s.k).pad(3, 1, 2, 5, 1).test(kernel, reference);
      }
      for (DenseShape s : kPaddedWeightLimitShapes)
        for (int rows : {1, 6}) tester(act).rows(rows).n(s.n).k(s.k).test(kernel, reference);
    }
  }
  SUBCASE("odd leading dimensions") {
    for (int n : {1, 5, 8, 9, 17})
      for (int k : {3, 13, 64}) {
        tester(Activation::sigmoid).rows(5).n(n).k(k).pad(1, 3, 5, 2, 7).test(kernel, reference);
        tester(Activation::gelu).rows(3).n(n).k(k).pad(7, 2, 1, 3, 5).test(kernel, reference);
      }
  }
  SUBCASE("empty shapes: k = 0 writes nothing, n = 0 gives dx = 0") {
    tester(Activation::relu).rows(5).n(8).k(0).pad(0, 0, 0, 0, 3).test(kernel, reference);
    tester(Activation::relu).rows(0).n(8).k(5).test(kernel, reference);
    tester(Activation::sigmoid).rows(5).n(0).k(6).test(kernel, reference);
  }
  SUBCASE("the MLP's shapes: a Playground net at batch 10, 784-128-10 at batch 128") {
    for (Activation act : kAllActivations)
      for (DenseShape s : {DenseShape{8, 2}, DenseShape{8, 8}, DenseShape{1, 8}})
        tester(act).rows(10).n(s.n).k(s.k).test(kernel, reference);
    tester(Activation::relu).rows(128).n(10).k(128).test(kernel, reference);
    tester(Activation::sigmoid).rows(128).n(10).k(128).test(kernel, reference);
  }
}

}  // namespace bpl::kernels::testing
