#pragma once
// How the UI and the seeds name one parameter.
//   2-2-1 network (2 inputs, 2 hidden units, 1 output), the seed tutorial's names:
//     w1: x1→h1  W1[0][0]     w3: x2→h1  W1[0][1]     b1: h1  b1[0]
//     w2: x1→h2  W1[1][0]     w4: x2→h2  W1[1][1]     b2: h2  b1[1]
//     w5: h1→y   W2[0][0]     w6: h2→y   W2[0][1]     b3: y   b2[0]
//   any network: "W<l>[j][i]" = layer l (1-based, engine/mlp/network.h), to unit j,
//     from unit i of layer l−1; "b<l>[j]" = bias of unit j of layer l.
// Both forms are accepted by parse_parameter_id for a 2-2-1 network.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/mlp/gradcheck.h"
#include "engine/mlp/network.h"

namespace bpl {

// The id a UI shows: the seed name for a 2-2-1 network, else W<l>[j][i] / b<l>[j].
template <typename Scalar>
std::string parameter_id(const Network<Scalar>& net, ParameterRef p);
// The W<l>[j][i] / b<l>[j] form, for any network.
std::string indexed_parameter_id(ParameterRef p);

// Either form; nullopt if malformed or out of range for `net`.
template <typename Scalar>
std::optional<ParameterRef> parse_parameter_id(const Network<Scalar>& net, std::string_view id);

template <typename Scalar>
Scalar& parameter_value(Network<Scalar>& net, ParameterRef p);
template <typename Scalar>
Scalar parameter_value(const Network<Scalar>& net, ParameterRef p);

}  // namespace bpl
