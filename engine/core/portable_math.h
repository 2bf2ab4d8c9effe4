#pragma once
// log, sin and cos written with + − × ÷ only, so that they give the same bits
// on every platform (glibc natively, musl in the wasm build: their libm
// results can differ in the last bit). The random number generator uses them
// so that a seed gives bit-identical weights and datasets natively and in the
// browser. Angles are in turns (1 turn = 2π) so range reduction is exact.
namespace bpl {

// ln x for finite x > 0, within ~1 ulp. Not for x ≤ 0 (returns NaN).
double portable_log(double x);
// sin(2π·turns), cos(2π·turns) for finite `turns`, within a few ulp.
double sin_turns(double turns);
double cos_turns(double turns);

}  // namespace bpl
