#pragma once
// Overflow is a result, not bad input: when a loss or gradient is not finite,
// `bp` says where the first non-finite number appeared in the computation and
// exits 1 (2 stays for bad input).
#include <optional>
#include <string>

#include "engine/core/matrix.h"
#include "engine/mlp/network.h"

namespace bpl::cli {

// The first NaN/Inf of the forward then backward pass on (x, targets), in the
// order computed: "layers[0].z[sample 2][unit 1] = inf", "loss = nan",
// "gradients[1].weights[0][3] = -inf". nullopt when every number is finite.
std::optional<std::string> first_non_finite(const Network<double>& net, const Matrix<double>& x,
                                            const Matrix<double>& targets);

}  // namespace bpl::cli
