#pragma once
// Initial weights, every draw from our Rng (engine/core/rng.h), layer 1 first,
// weights row by row (W[j][i], j-major) then biases. fan_in = units⁽ˡ⁻¹⁾, fan_out = units⁽ˡ⁾.
//   xavier   W ~ U(−√(6/(fan_in+fan_out)), +√(6/(fan_in+fan_out)))   b = 0   (Glorot uniform)
//   he       W ~ N(0, 2/fan_in)                                      b = 0   (as the seed's XOR code)
//   uniform  W ~ U(−0.5, 0.5)                                        b = 0.1 (TF Playground)
//   zeros    W = 0                                                   b = 0
// Draws are made in double and rounded to Scalar, so Network<float> and
// Network<double> from the same seed hold the same values.
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/mlp/network.h"
#include "engine/core/rng.h"

namespace bpl {

enum class Init { xavier, he, uniform, zeros };

std::optional<Init> init_from_name(std::string_view name);
const char* init_name(Init init);
const char* init_names();  // "a | b | c", for error messages

template <typename Scalar>
void initialize(Network<Scalar>& net, Init init, Rng& rng);

// initialize() with Rng(seed, RngStream::weights).
template <typename Scalar>
void initialize(Network<Scalar>& net, Init init, std::uint64_t seed);

}  // namespace bpl
