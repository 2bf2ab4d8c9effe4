// The factors of one path from θ to the loss, and their values on a traced sample.
//   path units u_l = j, u_{l+1}, …, u_L = k:
//   ∂ℓ/∂ŷₖ · σ'(z⁽ᴸ⁾ₖ) · Π_{m=L..l+1} W⁽ᵐ⁾_{u_m u_{m−1}}·σ'(z⁽ᵐ⁻¹⁾_{u_{m−1}}) · a⁽ˡ⁻¹⁾ᵢ
// with ∂ℓ/∂ŷₖ·σ'(z⁽ᴸ⁾ₖ) replaced by ∂ℓ/∂z⁽ᴸ⁾ₖ = ŷₖ − tₖ for bce and softmax_ce.
#include <algorithm>

#include "engine/core/expect.h"
#include "engine/mlp/loss.h"
#include "engine/derivation/weight_derivation_parts.h"

namespace bpl::derivation {

std::vector<Factor> path_factors(const Network<double>& net, const Notation& names, ParameterRef p,
                                 const std::vector<int>& units) {
  const int depth = net.depth();
  BPL_EXPECT(int(units.size()) == depth - p.layer + 1, "path_factors: one unit per layer l..L");
  using Kind = Factor::Kind;
  using Source = FactorSource::Kind;
  std::vector<Factor> factors;
  const auto add = [&](Kind kind, int layer, int unit, int from, const Styled& symbol, FactorSource source) {
    factors.push_back({kind, layer, unit, from, marked(source, symbol), source});
  };
  const int k = units.back();
  const FactorSource output{Source::unit, depth, 0, k};
  add(Kind::loss, depth, k, 0, names.loss_factor(k), output);
  if (!loss_gradient_is_delta(net.loss) && net.layers[depth - 1].activation != Activation::linear) {
    add(Kind::output_slope, depth, k, 0, names.slope(depth, k), output);
  }
  for (int m = depth; m > p.layer; --m) {
    const int to = units[m - p.layer], from = units[m - 1 - p.layer];
    add(Kind::weight, m, to, from, names.parameter({m, to, from}), {Source::edge, m, from, to});
    if (net.layers[m - 2].activation != Activation::linear) {
      add(Kind::unit_slope, m - 1, from, 0, names.slope(m - 1, from), {Source::unit, m - 1, 0, from});
    }
  }
  if (!p.is_bias()) {
    add(Kind::input, p.layer - 1, p.col, 0, names.unit(p.layer - 1, p.col), {Source::unit, p.layer - 1, 0, p.col});
  }
  return factors;
}

double activation_value(const StepTrace<double>& trace, int layer, int s, int unit) {
  return layer == 0 ? trace.inputs(s, unit) : trace.layers[layer - 1].a(s, unit);
}

double slope_value(const Network<double>& net, const StepTrace<double>& trace, int layer, int s, int unit) {
  const LayerTrace<double>& t = trace.layers[layer - 1];
  return activation_derivative(net.layers[layer - 1].activation, t.z(s, unit), t.a(s, unit), net.leaky_slope);
}

double factor_value(const Network<double>& net, const StepTrace<double>& trace, int s, const Factor& f) {
  switch (f.kind) {
    case Factor::Kind::loss: {
      // c·(ŷₖ − tₖ): half_mse, softmax_ce c = 1;  mse 2/K;  bce 1/K   (engine/mlp/loss.h)
      const double error = trace.layers.back().a(s, f.unit) - trace.targets(s, f.unit);
      return loss_gradient_factor(net.loss, net.outputs()) * error;
    }
    case Factor::Kind::output_slope:
    case Factor::Kind::unit_slope:
      return slope_value(net, trace, f.layer, s, f.unit);
    case Factor::Kind::weight:
      return net.layers[f.layer - 1].weights(f.unit, f.from);
    case Factor::Kind::input:
      return activation_value(trace, f.layer, s, f.unit);
  }
  return 0.0;
}

double product_value(const Network<double>& net, const StepTrace<double>& trace, int s,
                     const std::vector<Factor>& factors) {
  double product = 1.0;
  for (const Factor& f : factors) product *= factor_value(net, trace, s, f);
  return product;
}

double sample_gradient(const StepTrace<double>& trace, int s, ParameterRef p) {
  const double delta = trace.layers[p.layer - 1].delta(s, p.row);
  return p.is_bias() ? delta : delta * activation_value(trace, p.layer - 1, s, p.col);
}

long long count_paths(const Network<double>& net, int layer) {
  constexpr long long kCap = 1000000000;
  long long count = 1;
  for (int m = layer + 1; m <= net.depth(); ++m) count = std::min(kCap, count * net.units(m));
  return count;
}

}  // namespace bpl::derivation
