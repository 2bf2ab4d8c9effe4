#pragma once
// Activations σ and their derivatives σ', for any Scalar, by name. The
// elementwise formulas are the kernels' (engine/kernels/activation_math.h),
// which the training passes evaluate inside the kernels; these functions give
// one value at a time (derivations, tests):
//   linear      σ(z) = z                         σ' = 1
//   sigmoid     σ(z) = 1/(1+e⁻ᶻ)                 σ' = a(1−a)
//   tanh        σ(z) = tanh z                    σ' = 1−a²
//   relu        σ(z) = max(0, z)                 σ' = [z > 0]
//   leaky_relu  σ(z) = z > 0 ? z : s·z           σ' = z > 0 ? 1 : s   (s = slope, default 0.01)
//   gelu        σ(z) = z·Φ(z) = ½z(1+erf(z/√2))  σ' = Φ(z) + z·φ(z)   (exact erf form)
//   softmax     a_k = e^{z_k} / Σ_j e^{z_j}, over a row; output layer with softmax_ce only.
// The kinks take the left derivative (relu'(0) = 0), as the kernels do.
#include <optional>
#include <string_view>

#include "engine/kernels/kernels.h"

namespace bpl {

enum class Activation { linear, sigmoid, tanh, relu, leaky_relu, gelu, softmax };

inline constexpr double kDefaultLeakySlope = 0.01;

// Names as in JSON: "linear", "sigmoid", "tanh", "relu", "leaky_relu", "gelu", "softmax".
std::optional<Activation> activation_from_name(std::string_view name);
const char* activation_name(Activation act);
// The names accepted, for error messages: "linear | sigmoid | ...".
const char* activation_names(bool include_softmax);

// The kernel's elementwise activation. softmax → linear: the kernel leaves
// a = z and apply_softmax_rows() normalises each row afterwards.
kernels::Activation kernel_activation(Activation act);

// Elementwise σ(z) (softmax: identity here, see apply_softmax_rows).
template <typename Scalar>
Scalar activate(Activation act, Scalar z, Scalar slope);
// σ'(z) from z and a = σ(z). Not defined for softmax (its Jacobian is not diagonal).
template <typename Scalar>
Scalar activation_derivative(Activation act, Scalar z, Scalar a, Scalar slope);

// a[r] = softmax(z[r]) for each row, computed as e^{z−max z} / Σ e^{z−max z}.
template <typename Scalar>
void apply_softmax_rows(int rows, int cols, const Scalar* z, int ldz, Scalar* a, int lda);

}  // namespace bpl
