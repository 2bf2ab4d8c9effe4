#include "engine/mlp/activation.h"

#include <algorithm>
#include <cmath>

#include "engine/core/enum_names.h"
#include "engine/core/expect.h"
#include "engine/kernels/activation_math.h"

namespace bpl {

namespace {
// softmax last: activation_names(false) lists the others.
constexpr EnumName<Activation> kActivations[] = {
    {"linear", Activation::linear}, {"sigmoid", Activation::sigmoid},
    {"tanh", Activation::tanh},     {"relu", Activation::relu},
    {"leaky_relu", Activation::leaky_relu}, {"gelu", Activation::gelu},
    {"softmax", Activation::softmax}};
}  // namespace

std::optional<Activation> activation_from_name(std::string_view name) { return enum_from_name(kActivations, name); }

const char* activation_name(Activation act) { return enum_name(kActivations, act); }

const char* activation_names(bool include_softmax) {
  static const std::string all = enum_name_list(kActivations);
  static const std::string hidden = enum_name_list(kActivations, " | ", "", std::size(kActivations) - 1);
  return include_softmax ? all.c_str() : hidden.c_str();
}

kernels::Activation kernel_activation(Activation act) {
  switch (act) {
    case Activation::linear: return kernels::Activation::linear;
    case Activation::sigmoid: return kernels::Activation::sigmoid;
    case Activation::tanh: return kernels::Activation::tanh;
    case Activation::relu: return kernels::Activation::relu;
    case Activation::leaky_relu: return kernels::Activation::leaky_relu;
    case Activation::gelu: return kernels::Activation::gelu;
    case Activation::softmax: return kernels::Activation::linear;
  }
  return kernels::Activation::linear;
}

// The elementwise definitions are the kernels' (engine/kernels/activation_math.h).
template <typename Scalar>
Scalar activate(Activation act, Scalar z, Scalar slope) {
  if (act == Activation::softmax) return z;  // per row: apply_softmax_rows
  Scalar a = z;
  kernels::visit_activation(kernel_activation(act),
                            [&](auto tag) { a = kernels::activate<tag()>(z, slope); });
  return a;
}

template <typename Scalar>
Scalar activation_derivative(Activation act, Scalar z, Scalar a, Scalar slope) {
  BPL_EXPECT(act != Activation::softmax, "softmax has no elementwise derivative: its loss gives δ directly");
  Scalar derivative = Scalar(1);
  kernels::visit_activation(kernel_activation(act), [&](auto tag) {
    derivative = kernels::activation_derivative<tag()>(z, a, slope);
  });
  return derivative;
}

template <typename Scalar>
void apply_softmax_rows(int rows, int cols, const Scalar* z, int ldz, Scalar* a, int lda) {
  for (int r = 0; r < rows; ++r) {
    const Scalar* z_row = z + std::ptrdiff_t(r) * ldz;
    Scalar* a_row = a + std::ptrdiff_t(r) * lda;
    const Scalar max_z = *std::max_element(z_row, z_row + cols);
    Scalar sum = 0;
    for (int k = 0; k < cols; ++k) {
      a_row[k] = std::exp(z_row[k] - max_z);
      sum += a_row[k];
    }
    for (int k = 0; k < cols; ++k) a_row[k] /= sum;
  }
}

template float activate(Activation, float, float);
template double activate(Activation, double, double);
template float activation_derivative(Activation, float, float, float);
template double activation_derivative(Activation, double, double, double);
template void apply_softmax_rows(int, int, const float*, int, float*, int);
template void apply_softmax_rows(int, int, const double*, int, double*, int);

}  // namespace bpl
