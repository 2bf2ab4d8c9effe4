#include "engine/mlp/regularization.h"

#include "engine/core/enum_names.h"

namespace bpl {

namespace {
constexpr EnumName<Regularization> kRegularizationNames[] = {
    {"none", Regularization::none},
    {"l1", Regularization::l1},
    {"l2", Regularization::l2}};
}  // namespace

std::optional<Regularization> regularization_from_name(std::string_view name) {
  return enum_from_name(kRegularizationNames, name);
}

const char* regularization_name(Regularization value) { return enum_name(kRegularizationNames, value); }

const char* regularization_names() {
  static const std::string names = enum_name_list(kRegularizationNames);
  return names.c_str();
}

// λ·Σ_w R(w):  l1 R = |w|;  l2 R = ½w².
template <typename Scalar>
Scalar regularization_penalty(const Network<Scalar>& net, const RegularizationSettings& reg) {
  if (reg.kind == Regularization::none || reg.rate == 0.0) return Scalar(0);
  Scalar sum = 0;
  for (const Layer<Scalar>& layer : net.layers) {
    sum += reg.kind == Regularization::l1 ? layer.weights.array().abs().sum()
                                          : Scalar(0.5) * layer.weights.array().square().sum();
  }
  return Scalar(reg.rate) * sum;
}

// ∂/∂w of λ·R(w):  l1 λ·sign(w) (0 at 0);  l2 λ·w.
template <typename Scalar>
void add_regularization_gradient(const Network<Scalar>& net, const RegularizationSettings& reg,
                                 Gradients<Scalar>& grads) {
  if (reg.kind == Regularization::none || reg.rate == 0.0) return;
  const Scalar rate = Scalar(reg.rate);
  for (int l = 0; l < net.depth(); ++l) {
    const auto w = net.layers[l].weights.array();
    if (reg.kind == Regularization::l1) {
      grads.weights[l].array() += rate * w.sign();
    } else {
      grads.weights[l].array() += rate * w;
    }
  }
}

template float regularization_penalty(const Network<float>&, const RegularizationSettings&);
template double regularization_penalty(const Network<double>&, const RegularizationSettings&);
template void add_regularization_gradient(const Network<float>&, const RegularizationSettings&, Gradients<float>&);
template void add_regularization_gradient(const Network<double>&, const RegularizationSettings&, Gradients<double>&);

}  // namespace bpl
