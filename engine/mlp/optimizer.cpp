#include "engine/mlp/optimizer.h"

#include <cmath>

#include "engine/core/enum_names.h"
#include "engine/core/expect.h"
#include "engine/mlp/linalg.h"

namespace bpl {

namespace {
constexpr EnumName<OptimizerKind> kOptimizerKindNames[] = {
    {"sgd", OptimizerKind::sgd},
    {"momentum", OptimizerKind::momentum},
    {"adam", OptimizerKind::adam}};
}  // namespace

std::optional<OptimizerKind> optimizer_from_name(std::string_view name) {
  return enum_from_name(kOptimizerKindNames, name);
}

const char* optimizer_name(OptimizerKind value) { return enum_name(kOptimizerKindNames, value); }

const char* optimizer_names() {
  static const std::string names = enum_name_list(kOptimizerKindNames);
  return names.c_str();
}

template <typename Scalar>
Optimizer<Scalar>::Optimizer(const OptimizerSettings& settings, const Network<Scalar>& net)
    : settings_(settings) {
  reset(net);
}

template <typename Scalar>
void Optimizer<Scalar>::reset(const Network<Scalar>& net) {
  first_ = zero_gradients(net);
  second_ = zero_gradients(net);
  steps_ = 0;
}

template <typename Scalar>
void Optimizer<Scalar>::set_settings(const OptimizerSettings& settings, const Network<Scalar>& net) {
  const bool kind_changed = settings.kind != settings_.kind;
  settings_ = settings;
  if (kind_changed) reset(net);
}

template <typename Scalar>
void Optimizer<Scalar>::step(Network<Scalar>& net, const Gradients<Scalar>& grads) {
  BPL_EXPECT(int(first_.weights.size()) == net.depth(), "optimizer: reset() it for this network");
  ++steps_;
  const Scalar lr = Scalar(settings_.learning_rate);
  // Adam's bias corrections c1 = 1/(1−β1ᵗ), c2 = 1/(1−β2ᵗ), in double before rounding;
  // only Adam pays for the two pow calls (they showed in SGD's profile).
  Scalar c1 = Scalar(1), c2 = Scalar(1);
  if (settings_.kind == OptimizerKind::adam) {
    const double t = double(steps_);
    c1 = Scalar(1.0 / (1.0 - std::pow(settings_.beta1, t)));
    c2 = Scalar(1.0 / (1.0 - std::pow(settings_.beta2, t)));
  }
  auto update = [&](int n, const Scalar* g, Scalar* m, Scalar* v, Scalar* w) {
    switch (settings_.kind) {
      case OptimizerKind::sgd: linalg::sgd_update(n, lr, g, w); break;
      case OptimizerKind::momentum:
        linalg::momentum_update(n, lr, Scalar(settings_.momentum), g, m, w);
        break;
      case OptimizerKind::adam:
        linalg::adam_update(n, lr, Scalar(settings_.beta1), Scalar(settings_.beta2),
                            Scalar(settings_.epsilon), c1, c2, g, m, v, w);
        break;
    }
  };
  for (int l = 0; l < net.depth(); ++l) {
    Layer<Scalar>& layer = net.layers[l];
    update(int(layer.weights.size()), grads.weights[l].data(), first_.weights[l].data(),
           second_.weights[l].data(), layer.weights.data());
    update(int(layer.biases.size()), grads.biases[l].data(), first_.biases[l].data(),
           second_.biases[l].data(), layer.biases.data());
  }
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace bpl
