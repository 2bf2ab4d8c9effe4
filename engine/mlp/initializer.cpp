#include "engine/mlp/initializer.h"

#include <cmath>

namespace bpl {

std::optional<Init> init_from_name(std::string_view name) {
  if (name == "xavier") return Init::xavier;
  if (name == "he") return Init::he;
  if (name == "uniform") return Init::uniform;
  if (name == "zeros") return Init::zeros;
  return std::nullopt;
}

const char* init_name(Init init) {
  switch (init) {
    case Init::xavier: return "xavier";
    case Init::he: return "he";
    case Init::uniform: return "uniform";
    case Init::zeros: return "zeros";
  }
  return "?";
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
