#pragma once
// Vectorised twins of activation_math.h, four floats at a time (wasm only).
//
// Accuracy against double precision, measured on 4M-point sweeps (and
// checked by tests/test_kernels_wasmsimd.cpp):
//   exp_f32x4        ≤ 1 ulp on [−87.3, 88]; 0 below −87.34, e^88 above 88
//   sigmoid_f32x4    ≤ 3 ulp (relative ≤ 2e-7) on [−30, 30]
//   tanh_f32x4       ≤ 2.4 ulp: relative ≤ 1.8e-7, absolute ≤ 9e-8 on [−10, 10]
//   normal_cdf_f32x4 absolute ≤ 2.1e-7 (erfc's fit is ~1e-7 fractional)
//   gelu = z·Φ(z)    absolute ≤ 1.2e-7·max(1, |z|);  gelu' absolute ≤ 2.3e-7
// The piecewise-linear activations and the a-based derivatives (σ' = a(1−a),
// tanh' = 1−a²) are bit-identical to the scalar reference.
#include <wasm_simd128.h>

#include "engine/kernels/kernels.h"

namespace bpl::kernels::simd_math {

inline v128_t splat(float x) { return wasm_f32x4_splat(x); }
inline v128_t mul_add(v128_t a, v128_t b, v128_t c) {  // a·b + c, two roundings (no FMA)
  return wasm_f32x4_add(wasm_f32x4_mul(a, b), c);
}

// e^x = 2ⁿ·eʳ with n = round(x·log₂e), r = x − n·ln2 (ln2 split in two so
// n·ln2_hi is exact), |r| ≤ ln2/2; eʳ = 1 + r + r²·P(r) with Cephes expf's
// degree-5 P. x is clamped to [−87.34, 88] so n ∈ [−126, 127] and 2ⁿ is a
// normal float built directly in the exponent bits.
// Written for V8's x64 code: pmin/pmax are one minps/maxps each (min/max,
// with NaN and −0 rules, take seven), and n is rounded by adding and
// subtracting 1.5·2²³ (round-to-nearest-even in the float adder), whose low
// mantissa bits then hold n, so no float→int conversion (cvttps2dq plus
// saturation fix-ups) is needed. NaN stays NaN.
// exp_reduce_f32x4 is the part after the clamp, for x already in [−87.34, 88]:
// x = n·ln2 + r gives 2ⁿ and eʳ − 1 = r + r²·P(r) separately, so exp
// (2ⁿ·(1 + (eʳ − 1))) and tanh's e^(2|z|) − 1 share it.
struct ExpReduced {
  v128_t two_n;    // 2ⁿ
  v128_t expm1_r;  // eʳ − 1, |r| ≤ ln2/2
};
inline ExpReduced exp_reduce_f32x4(v128_t x) {
  const v128_t round_magic = splat(12582912.0f);  // 1.5·2²³
  const v128_t shifted = mul_add(x, splat(1.44269504088896341f), round_magic);
  const v128_t n = wasm_f32x4_sub(shifted, round_magic);
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, splat(-2.12194440e-4f)));
  v128_t p = splat(1.9875691500e-4f);
  p = mul_add(p, r, splat(1.3981999507e-3f));
  p = mul_add(p, r, splat(8.3334519073e-3f));
  p = mul_add(p, r, splat(4.1665795894e-2f));
  p = mul_add(p, r, splat(1.6666665459e-1f));
  p = mul_add(p, r, splat(5.0000001201e-1f));
  // bits(shifted) = bits(1.5·2²³) + n, and bits(1.5·2²³)·2²³ ≡ 0 (mod 2³²),
  // so (bits(shifted) + 127) << 23 is the bit pattern of 2ⁿ.
  return {wasm_i32x4_shl(wasm_i32x4_add(shifted, wasm_i32x4_splat(127)), 23),
          mul_add(p, wasm_f32x4_mul(r, r), r)};
}

inline v128_t exp_in_range_f32x4(v128_t x) {
  const ExpReduced e = exp_reduce_f32x4(x);
  return wasm_f32x4_mul(wasm_f32x4_add(e.expm1_r, splat(1.0f)), e.two_n);
}

inline v128_t exp_f32x4(v128_t x) {
  const v128_t lowest = splat(-87.336544f);  // ln(2⁻¹²⁶)
  const v128_t underflows = wasm_f32x4_lt(x, lowest);
  x = wasm_f32x4_pmax(wasm_f32x4_pmin(x, splat(88.0f)), lowest);
  // Below the normal range the true value is < 1.2e-38: return 0, which keeps
  // products like z·e^(−z²/2) at 0 for huge |z| instead of z·2⁻¹²⁶.
  return wasm_v128_andnot(exp_in_range_f32x4(x), underflows);
}

// σ(z) from e = e^(−|z|) ∈ (0, 1]: 1/(1+e) for z ≥ 0 and e/(1+e) for z < 0, so
// the negative side keeps its relative accuracy instead of computing 1 − σ(|z|).
inline v128_t sigmoid_f32x4(v128_t z) {
  const v128_t e = exp_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(z)));
  const v128_t positive = wasm_f32x4_div(splat(1.0f), wasm_f32x4_add(splat(1.0f), e));
  const v128_t negative = wasm_f32x4_mul(e, positive);
  return wasm_v128_bitselect(negative, positive, wasm_f32x4_lt(z, splat(0.0f)));
}

// tanh(|z|) = m/(m + 2) with m = e^(2|z|) − 1, sign restored: one exp-style
// reduction and one division, no second polynomial for small |z|. With
// 2|z| = n·ln2 + r (exp_reduce_f32x4), m = 2ⁿ·(eʳ − 1) + (2ⁿ − 1), where eʳ − 1
// keeps its relative accuracy as r → 0 and 2ⁿ − 1 is exact; for n = 0
// (|z| < 0.17) m is that polynomial alone, so tanh(z) ≈ z loses nothing near 0.
// 2|z| is clamped to 20 (tanh(10) rounds to 1); NaN stays NaN (pmin keeps it).
inline v128_t tanh_f32x4(v128_t z) {
  const v128_t magnitude = wasm_f32x4_abs(z);
  const ExpReduced e =
      exp_reduce_f32x4(wasm_f32x4_pmin(wasm_f32x4_add(magnitude, magnitude), splat(20.0f)));
  const v128_t m = mul_add(e.two_n, e.expm1_r, wasm_f32x4_sub(e.two_n, splat(1.0f)));
  const v128_t tanh_magnitude = wasm_f32x4_div(m, wasm_f32x4_add(m, splat(2.0f)));
  return wasm_v128_or(tanh_magnitude, wasm_v128_and(z, splat(-0.0f)));
}

// Φ(z) = ½·erfc(x), x = −z/√2, with Numerical Recipes' Chebyshev fit (erfcc,
// §6.2: fractional error < 1.2e-7 for all x ≥ 0):
//   erfc(|x|) ≈ t·exp(−x² + P(t)),  t = 1/(1 + |x|/2);  erfc(−|x|) = 2 − erfc(|x|).
inline v128_t normal_cdf_f32x4(v128_t z) {
  const v128_t x = wasm_f32x4_mul(z, splat(-0.70710678118654752f));
  const v128_t ax = wasm_f32x4_abs(x);
  const v128_t t = wasm_f32x4_div(splat(1.0f), mul_add(ax, splat(0.5f), splat(1.0f)));
  v128_t p = splat(0.17087277f);
  p = mul_add(p, t, splat(-0.82215223f));
  p = mul_add(p, t, splat(1.48851587f));
  p = mul_add(p, t, splat(-1.13520398f));
  p = mul_add(p, t, splat(0.27886807f));
  p = mul_add(p, t, splat(-0.18628806f));
  p = mul_add(p, t, splat(0.09678418f));
  p = mul_add(p, t, splat(0.37409196f));
  p = mul_add(p, t, splat(1.00002368f));
  p = mul_add(p, t, splat(-1.26551223f));
  const v128_t half_tail =  // ½·erfc(|x|)
      wasm_f32x4_mul(splat(0.5f),
                     wasm_f32x4_mul(t, exp_f32x4(wasm_f32x4_sub(p, wasm_f32x4_mul(ax, ax)))));
  // x ≥ 0 (z ≤ 0): Φ = ½·erfc(|x|);  x < 0 (z > 0): Φ = 1 − ½·erfc(|x|).
  return wasm_v128_bitselect(wasm_f32x4_sub(splat(1.0f), half_tail), half_tail,
                             wasm_f32x4_gt(z, splat(0.0f)));
}

// φ(z) = e^(−z²/2)/√(2π)
inline v128_t normal_pdf_f32x4(v128_t z) {
  return wasm_f32x4_mul(splat(0.39894228040143268f),
                        exp_f32x4(wasm_f32x4_mul(splat(-0.5f), wasm_f32x4_mul(z, z))));
}

template <Activation kAct>
inline v128_t activate_f32x4(v128_t z, v128_t slope) {
  if constexpr (kAct == Activation::linear) return z;
  if constexpr (kAct == Activation::sigmoid) return sigmoid_f32x4(z);
  if constexpr (kAct == Activation::tanh) return tanh_f32x4(z);
  // pmax(0, z) = 0 < z ? z : 0, exactly the reference's z > 0 ? z : 0 (also for −0, NaN).
  if constexpr (kAct == Activation::relu) return wasm_f32x4_pmax(splat(0.0f), z);
  if constexpr (kAct == Activation::leaky_relu)
    return wasm_v128_bitselect(z, wasm_f32x4_mul(slope, z), wasm_f32x4_gt(z, splat(0.0f)));
  if constexpr (kAct == Activation::gelu) return wasm_f32x4_mul(z, normal_cdf_f32x4(z));
}

// act'(z) from z and a = act(z); same formulas as activation_derivative<>.
template <Activation kAct>
inline v128_t activation_derivative_f32x4(v128_t z, v128_t a, v128_t slope) {
  if constexpr (kAct == Activation::linear) return splat(1.0f);
  if constexpr (kAct == Activation::sigmoid)
    return wasm_f32x4_mul(a, wasm_f32x4_sub(splat(1.0f), a));
  if constexpr (kAct == Activation::tanh) return wasm_f32x4_sub(splat(1.0f), wasm_f32x4_mul(a, a));
  if constexpr (kAct == Activation::relu)
    return wasm_v128_and(splat(1.0f), wasm_f32x4_gt(z, splat(0.0f)));
  if constexpr (kAct == Activation::leaky_relu)
    return wasm_v128_bitselect(splat(1.0f), slope, wasm_f32x4_gt(z, splat(0.0f)));
  if constexpr (kAct == Activation::gelu)
    return mul_add(z, normal_pdf_f32x4(z), normal_cdf_f32x4(z));
}

}  // namespace bpl::kernels::simd_math
