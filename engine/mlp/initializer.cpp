#include "engine/mlp/initializer.h"

#include <cmath>

#include "engine/core/enum_names.h"

namespace bpl {

namespace {
constexpr EnumName<Init> kInitNames[] = {
    {"xavier", Init::xavier},
    {"he", Init::he},
    {"uniform", Init::uniform},
    {"zeros", Init::zeros}};
}  // namespace

std::optional<Init> init_from_name(std::string_view name) {
  return enum_from_name(kInitNames, name);
}

const char* init_name(Init value) { return enum_name(kInitNames, value); }

const char* init_names() {
  static const std::string names = enum_name_list(kInitNames);
  return names.c_str();
}

template <typename Scalar>
void initialize(Network<Scalar>& net, Init init, Rng& rng) {
  for (int l = 1; l <= net.depth(); ++l) {
    Layer<Scalar>& layer = net.layers[l - 1];
    const double fan_in = net.units(l - 1);
    const double fan_out = net.units(l);
    const double xavier_limit = std::sqrt(6.0 / (fan_in + fan_out));
    const double he_std = std::sqrt(2.0 / fan_in);
    for (int j = 0; j < layer.weights.rows(); ++j) {
      for (int i = 0; i < layer.weights.cols(); ++i) {
        double w = 0.0;
        switch (init) {
          case Init::xavier: w = rng.uniform(-xavier_limit, xavier_limit); break;
          case Init::he: w = he_std * rng.normal(); break;
          case Init::uniform: w = rng.uniform(-0.5, 0.5); break;
          case Init::zeros: break;
        }
        layer.weights(j, i) = Scalar(w);
      }
    }
    layer.biases.setConstant(Scalar(init == Init::uniform ? 0.1 : 0.0));
  }
}

template <typename Scalar>
void initialize(Network<Scalar>& net, Init init, std::uint64_t seed) {
  Rng rng(seed, RngStream::weights);
  initialize(net, init, rng);
}

template void initialize(Network<float>&, Init, Rng&);
template void initialize(Network<double>&, Init, Rng&);
template void initialize(Network<float>&, Init, std::uint64_t);
template void initialize(Network<double>&, Init, std::uint64_t);

}  // namespace bpl
