#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/core/rng.h"
#include "engine/training/train_config.h"
#include "derivation_testing.h"
#include "engine/derivation/weight_derivation.h"
#include "engine/derivation/informative_sample.h"
#include "engine/mlp/parameter_names.h"
#include "mlp_testing.h"  // BPL_REQUIRE: the wasm build has no exceptions, so no REQUIRE

using namespace bpl;
using testing::xor4_config;

namespace {

// The seed tutorial's 2-2-1 net (000_*.txt §4): h1 = max(0, w1x1 + w3x2 + b1),
// h2 = max(0, w2x1 + w4x2 + b2), y = w5h1 + w6h2 + b3, L = ½(y − t)².
struct SeedNet {
  double w1, w2, w3, w4, w5, w6, b1, b2, b3;
};

// Its per-weight formulas (§4.2; the biases by the same chain rule), the oracle:
//   ∂L/∂w1 = (y−t)·w5·1[h1>0]·x1 …, ∂L/∂w5 = (y−t)·h1 …, ∂L/∂b3 = y−t.
double seed_gradient(const SeedNet& n, const std::string& id, const Point& p) {
  const double h1 = std::max(0.0, n.w1 * p.x1 + n.w3 * p.x2 + n.b1);
  const double h2 = std::max(0.0, n.w2 * p.x1 + n.w4 * p.x2 + n.b2);
  const double e = n.w5 * h1 + n.w6 * h2 + n.b3 - p.label;
  const double on1 = h1 > 0 ? 1.0 : 0.0, on2 = h2 > 0 ? 1.0 : 0.0;
  if (id == "w1") return e * n.w5 * on1 * p.x1;
  if (id == "w2") return e * n.w6 * on2 * p.x1;
  if (id == "w3") return e * n.w5 * on1 * p.x2;
  if (id == "w4") return e * n.w6 * on2 * p.x2;
  if (id == "w5") return e * h1;
  if (id == "w6") return e * h2;
  if (id == "b1") return e * n.w5 * on1;
  if (id == "b2") return e * n.w6 * on2;
  return e;  // b3
}

const char* const kSeedIds[] = {"w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"};

bool configure_seed(Trainer& t, const SeedNet& n, Activation act = Activation::relu,
                    Activation output = Activation::linear, Loss loss = Loss::half_mse) {
  bool ok = t.configure(xor4_config({2}, act, output, loss)).empty();
  const double values[] = {n.w1, n.w2, n.w3, n.w4, n.w5, n.w6, n.b1, n.b2, n.b3};
  for (int k = 0; k < 9; ++k) ok = ok && t.set_parameter(kSeedIds[k], values[k]).empty();
  return ok;
}

// The network stores floats: draw values that a float holds exactly.
double float_uniform(Rng& rng, double lo, double hi) { return double(float(rng.uniform(lo, hi))); }

using testing::derive;

bool has_note(const WeightDerivation& d, const std::string& part) {
  for (const std::string& note : d.notes) {
    if (note.find(part) != std::string::npos) return true;
  }
  return false;
}

int train_index_of(const Trainer& t, double x1, double x2) {
  for (int k = 0; k < int(t.dataset().train.size()); ++k) {
    if (t.dataset().train[k].x1 == x1 && t.dataset().train[k].x2 == x2) return k;
  }
  CHECK_MESSAGE(false, "xor4 has every corner of the unit square");
  return 0;
}

}  // namespace

TEST_CASE("weight_derivation: the seed's 2-2-1 ReLU net reads as the seed's formulas") {
  Trainer t;
  BPL_REQUIRE(configure_seed(t, {0.5, -0.25, 0.75, 0.5, 1.5, -0.5, 0.25, -0.375, 0.125}));
  // 000_*.txt §4.2, the seed's own formulas (biases: the same chain without the input).
  const std::pair<const char*, const char*> want[] = {
      {"w1", "∂L/∂w1 = (y−t)·w5·1[h1>0]·x1"}, {"w2", "∂L/∂w2 = (y−t)·w6·1[h2>0]·x1"},
      {"w3", "∂L/∂w3 = (y−t)·w5·1[h1>0]·x2"}, {"w4", "∂L/∂w4 = (y−t)·w6·1[h2>0]·x2"},
      {"w5", "∂L/∂w5 = (y−t)·h1"},            {"w6", "∂L/∂w6 = (y−t)·h2"},
      {"b1", "∂L/∂b1 = (y−t)·w5·1[h1>0]"},    {"b2", "∂L/∂b2 = (y−t)·w6·1[h2>0]"},
      {"b3", "∂L/∂b3 = (y−t)"}};
  for (const auto& entry : want) {
    const std::string id = entry.first;  // not a structured binding: CAPTURE's lambda takes it
    CAPTURE(id);
    const WeightDerivation d = derive(t, id);
    CHECK(d.symbolic == entry.second);
    CHECK(d.path_count == 1);
    BPL_REQUIRE(d.paths.size() == 1);
  }
  const WeightDerivation w1 = derive(t, "w1");
  CHECK(w1.chain == "∂L/∂w1 = ∂L/∂y·∂y/∂z3·∂z3/∂h1·∂h1/∂z1·∂z1/∂w1");
  CHECK(w1.latex.find("\\frac{\\partial L}{\\partial w_1}") != std::string::npos);
  CHECK(w1.latex.find("(y - t)\\cdot w_5\\cdot \\mathbb{1}[h_1>0]\\cdot x_1") != std::string::npos);
  CHECK(derive(t, "b3").latex.find("\\frac{\\partial L}{\\partial b_3} &= (y - t)") != std::string::npos);
}

TEST_CASE("weight_derivation: the seed's numbers, by hand, on the sample (1, 1)") {
  Trainer t;
  BPL_REQUIRE(configure_seed(t, {0.5, -0.25, 0.75, 0.5, 1.5, -0.5, 0.25, -0.375, 0.125}));
  // x = (1, 1), t = 0: z1 = 0.5 + 0.75 + 0.25 = 1.5 = h1; z2 = −0.25 + 0.5 − 0.375 = −0.125, h2 = 0;
  // y = 1.5·1.5 + 0.125 = 2.375; ∂L/∂w1 = 2.375·1.5·1·1 = 3.5625, ∂L/∂w5 = 2.375·1.5.
  const int s = train_index_of(t, 1, 1);
  const std::string label = "   (sample " + std::to_string(s + 1) + ")";
  const WeightDerivation w1 = derive(t, "w1", s);
  CHECK(w1.sample == s);
  CHECK(w1.numeric == "∂ℓ/∂w1 = 2.375·1.5·1·1 = 3.5625" + label);
  CHECK(w1.sample_value == doctest::Approx(3.5625).epsilon(1e-15));
  BPL_REQUIRE(w1.delta_recursion.size() == 4);
  CHECK(w1.delta_recursion[0] == "δ3 = ∂ℓ/∂z3 = (y−t) = 2.375" + label);
  CHECK(w1.delta_recursion[2] == "δ1 = w5·δ3·1[h1>0] = 1.5·2.375·1 = 3.5625");
  CHECK(w1.delta_recursion[3] == "∂ℓ/∂w1 = δ1·x1 = 3.5625·1 = 3.5625");
  CHECK(derive(t, "w5", s).numeric == "∂ℓ/∂w5 = 2.375·1.5 = 3.5625" + label);
  CHECK(derive(t, "b3", s).numeric == "∂ℓ/∂b3 = 2.375" + label);
  // h2 is off here (z2 = −0.125): its weights get 0 from this sample, with the reason.
  const WeightDerivation w2 = derive(t, "w2", s);
  CHECK(w2.numeric == "∂ℓ/∂w2 = 2.375·(-0.5)·0·1 = 0" + label);
  CHECK(has_note(w2, "h2 is off on sample " + std::to_string(s + 1)));
  CHECK_FALSE(has_note(w1, "is off"));
}

TEST_CASE("weight_derivation: values equal the seed's closed form, batch mean and sample") {
  Rng rng(77);
  Trainer t;
  for (int trial = 0; trial < 40; ++trial) {
    const SeedNet n{float_uniform(rng, -1, 1), float_uniform(rng, -1, 1), float_uniform(rng, -1, 1),
                    float_uniform(rng, -1, 1), float_uniform(rng, -2, 2), float_uniform(rng, -2, 2),
                    float_uniform(rng, -1, 1), float_uniform(rng, -1, 1), float_uniform(rng, -1, 1)};
    BPL_REQUIRE(configure_seed(t, n));
    const std::vector<int> batch = t.current_batch();
    const int sample = trial % 5 - 1;  // −1 (the batch's first), 0..3
    for (const char* id : kSeedIds) {
      CAPTURE(trial);
      CAPTURE(id);
      double mean = 0.0;
      for (int k : batch) mean += seed_gradient(n, id, t.dataset().train[k]) / double(batch.size());
      const WeightDerivation d = derive(t, id, sample);
      const int s = sample < 0 ? batch.front() : sample;
      CHECK(d.sample == s);
      CHECK(d.batch_size == int(batch.size()));
      CHECK(d.value == doctest::Approx(mean).epsilon(1e-12));
      CHECK(d.sample_value == doctest::Approx(seed_gradient(n, id, t.dataset().train[s])).epsilon(1e-12));
      BPL_REQUIRE(d.paths.size() == 1);
      CHECK(d.paths[0].value == doctest::Approx(mean).epsilon(1e-12));
      CHECK(d.paths[0].sample_value == doctest::Approx(d.sample_value).epsilon(1e-12));
    }
  }
}

TEST_CASE("weight_derivation: a dead ReLU gives 0 and says so") {
  Trainer t;
  // z1 = 0.5x1 + 0.5x2 − 3 ≤ −2 on every xor4 point: h1 is off on the whole batch.
  const SeedNet n{0.5, 0.5, 0.5, 0.5, 1.5, -0.5, -3.0, 0.25, 0.125};
  BPL_REQUIRE(configure_seed(t, n));
  for (const char* id : {"w1", "w3", "b1", "w5"}) {
    CAPTURE(id);
    const WeightDerivation d = derive(t, id);
    double mean = 0.0;
    for (int k : t.current_batch()) mean += seed_gradient(n, id, t.dataset().train[k]) / 4.0;
    CHECK(mean == 0.0);
    CHECK(d.value == 0.0);
    CHECK(d.sample_value == 0.0);
    // w5 gets 0 because h1 = 0 feeds it; the others because 1[h1>0] = 0.
    const bool through_h1 = std::string(id) != "w5";
    CHECK(has_note(d, "h1 is off on every sample of the batch") == through_h1);
    CHECK(has_note(d, "h1 = 0 on every sample of the batch") == !through_h1);
    CHECK(has_note(d, "= 0 on this batch"));
  }
  // h2 is on everywhere (z2 = 0.5x1 + 0.5x2 + 0.25 > 0): w2 is not 0, and no dead-ReLU note.
  const WeightDerivation w2 = derive(t, "w2");
  CHECK_FALSE(has_note(w2, "every sample of the batch"));
  CHECK(w2.value != 0.0);
}

TEST_CASE("weight_derivation: a saturated sigmoid and a zero weight explain tiny and zero values") {
  Trainer t;
  // Sigmoid hidden units, linear output, half_mse; z1 = 0.5x1 + 0.75x2 + 16 ≥ 16 on every point.
  const SeedNet n{0.5, -0.25, 0.75, 0.5, 1.5, -0.5, 16.0, -0.375, 0.125};
  BPL_REQUIRE(configure_seed(t, n, Activation::sigmoid, Activation::linear, Loss::half_mse));
  // ∂L/∂w1 = (1/B) Σ_s (y−t)·w5·h1(1−h1)·x1 with h = σ(z) = 1/(1+e⁻ᶻ), computed here from the weights.
  double mean = 0.0;
  for (int k : t.current_batch()) {
    const Point& p = t.dataset().train[k];
    const double h1 = 1 / (1 + std::exp(-(n.w1 * p.x1 + n.w3 * p.x2 + n.b1)));
    const double h2 = 1 / (1 + std::exp(-(n.w2 * p.x1 + n.w4 * p.x2 + n.b2)));
    const double e = n.w5 * h1 + n.w6 * h2 + n.b3 - p.label;
    mean += e * n.w5 * h1 * (1 - h1) * p.x1 / 4.0;
  }
  const WeightDerivation w1 = derive(t, "w1", train_index_of(t, 1, 1));
  CHECK(w1.value == doctest::Approx(mean).epsilon(1e-9));
  CHECK(std::abs(w1.value) < 1e-6);
  CHECK(w1.value != 0.0);
  CHECK(has_note(w1, "h1 is saturated on sample"));
  CHECK(has_note(w1, "is tiny"));
  CHECK_FALSE(has_note(derive(t, "w2"), "saturated"));  // z2 = −0.25x1 + 0.5x2 − 0.375: σ' ≈ 0.24
  // w5 = 0: nothing reaches h1 from the output, so w1's gradient is exactly 0.
  BPL_REQUIRE(t.set_parameter("w5", 0.0).empty());
  const WeightDerivation blocked = derive(t, "w1");
  CHECK(blocked.value == 0.0);
  CHECK(has_note(blocked, "w5 = 0: nothing flows back into h1"));
  CHECK(has_note(blocked, "∂L/∂w1 = 0 on this batch"));
}

TEST_CASE("weight_derivation: other activations and losses on a 2-2-1 net keep the seed's names") {
  Trainer t;
  const SeedNet n{0.5, -0.25, 0.75, 0.5, 1.5, -0.5, 0.25, -0.375, 0.125};
  SUBCASE("sigmoid hidden, bce on a sigmoid output: ∂L/∂z3 = y − t, σ' = h(1−h)") {
    BPL_REQUIRE(configure_seed(t, n, Activation::sigmoid, Activation::sigmoid, Loss::bce));
    CHECK(derive(t, "w1").symbolic == "∂L/∂w1 = (y−t)·w5·h1(1−h1)·x1");
    CHECK(derive(t, "w1").chain == "∂L/∂w1 = ∂L/∂z3·∂z3/∂h1·∂h1/∂z1·∂z1/∂w1");
    CHECK(derive(t, "w6").symbolic == "∂L/∂w6 = (y−t)·h2");
  }
  SUBCASE("tanh hidden, half_mse on a sigmoid output: the output's σ' is a factor") {
    BPL_REQUIRE(configure_seed(t, n, Activation::tanh, Activation::sigmoid, Loss::half_mse));
    CHECK(derive(t, "w4").symbolic == "∂L/∂w4 = (y−t)·y(1−y)·w6·(1−h2²)·x2");
    CHECK(derive(t, "b3").symbolic == "∂L/∂b3 = (y−t)·y(1−y)");
  }
  SUBCASE("mse on a linear output: ∂L/∂y = 2(y−t) for K = 1") {
    BPL_REQUIRE(configure_seed(t, n, Activation::relu, Activation::linear, Loss::mse));
    CHECK(derive(t, "w5").symbolic == "∂L/∂w5 = 2(y−t)·h1");
    CHECK(derive(t, "b1").symbolic == "∂L/∂b1 = 2(y−t)·w5·1[h1>0]");
  }
  SUBCASE("leaky_relu and gelu hidden units") {
    BPL_REQUIRE(configure_seed(t, n, Activation::leaky_relu, Activation::linear, Loss::half_mse));
    CHECK(derive(t, "w1").symbolic == "∂L/∂w1 = (y−t)·w5·(1[h1>0] + 0.01·1[h1≤0])·x1");
    BPL_REQUIRE(configure_seed(t, n, Activation::gelu, Activation::linear, Loss::half_mse));
    CHECK(derive(t, "b2").symbolic == "∂L/∂b2 = (y−t)·w6·(Φ(z2)+z2·φ(z2))");
  }
  for (const char* id : kSeedIds) {
    const WeightDerivation d = derive(t, id);
    CHECK(d.relative_error < 1e-6);
    BPL_REQUIRE(d.paths.size() == 1);
    CHECK(d.paths[0].value == doctest::Approx(d.value).epsilon(1e-12));
  }
}

TEST_CASE("weight_derivation: paths of deeper nets sum to the value") {
  Trainer t;
  SUBCASE("2-3-3-1 tanh, linear output, half_mse: 3 paths from layer 1") {
    BPL_REQUIRE(t.configure(xor4_config({3, 3}, Activation::tanh, Activation::linear, Loss::half_mse)).empty());
    const WeightDerivation d = derive(t, "W1[2][1]");
    CHECK(d.symbolic.find("∂L/∂W⁽¹⁾₃₂ = (ŷ−t)·W⁽³⁾₁₁·(1−tanh²(z⁽²⁾₁))·W⁽²⁾₁₃·(1−tanh²(z⁽¹⁾₃))·a⁽⁰⁾₂ + ") == 0);
    CHECK(derive(t, "W3[0][1]").symbolic == "∂L/∂W⁽³⁾₁₂ = (ŷ−t)·a⁽²⁾₂");
  }
  SUBCASE("2-3-3-2 sigmoid, softmax_ce: 6 paths from layer 1") {
    BPL_REQUIRE(t.configure(xor4_config({3, 3}, Activation::sigmoid, Activation::softmax, Loss::softmax_ce)).empty());
  }
  SUBCASE("2-4-2-1 relu, sigmoid output, bce") {
    BPL_REQUIRE(t.configure(xor4_config({4, 2}, Activation::relu, Activation::sigmoid, Loss::bce)).empty());
  }
  // Biases off 0, so that no ReLU sits on its kink at xor4's (0, 0), where a central
  // difference cannot match any one-sided derivative.
  int bias_count = 0;
  for (const ParameterInfo& info : t.parameters()) {
    if (info.ref.is_bias()) BPL_REQUIRE(t.set_parameter(info.id, 0.05 + 0.01 * ++bias_count).empty());
  }
  // Paths per layer: Π of the unit counts above it (engine/mlp/network.h: units(l)).
  const Network<float>& net = t.network();
  for (const ParameterInfo& info : t.parameters()) {
    CAPTURE(info.id);
    const WeightDerivation d = derive(t, info.id, 1);
    long long want_paths = 1;
    for (int m = info.ref.layer + 1; m <= net.depth(); ++m) want_paths *= net.units(m);
    CHECK(d.path_count == want_paths);
    BPL_REQUIRE(d.paths.size() == size_t(want_paths));
    double sum = 0.0, sample_sum = 0.0;
    for (const DerivationPath& path : d.paths) {
      sum += path.value;
      sample_sum += path.sample_value;
    }
    CHECK(sum == doctest::Approx(d.value).epsilon(1e-12));
    CHECK(sample_sum == doctest::Approx(d.sample_value).epsilon(1e-12));
    // The central difference is independent of backprop.
    const GradCheck check = *t.gradient_check(info.id).value;
    CHECK(d.value == doctest::Approx(check.numeric).epsilon(1e-7).scale(1.0));
  }
}

TEST_CASE("weight_derivation: more than 8 paths leave the δ recursion only") {
  Trainer t;
  BPL_REQUIRE(t.configure(xor4_config({3, 3, 3}, Activation::tanh, Activation::linear, Loss::half_mse)).empty());
  const WeightDerivation d = derive(t, "W1[0][0]");
  CHECK(d.path_count == 9);
  CHECK(d.paths.empty());
  // Indices are 1-based, as the view numbers units: W1[0][0] is W⁽¹⁾₁₁.
  CHECK(d.symbolic == "∂L/∂W⁽¹⁾₁₁ = δ⁽¹⁾₁·a⁽⁰⁾₁");
  // δ⁽⁴⁾₀, then for layers 3, 2: a header and 3 units, for layer 1: a header and unit 0, then ∂ℓ/∂θ.
  BPL_REQUIRE(d.delta_recursion.size() == 1 + 4 + 4 + 2 + 1);
  // σ' is written as tanh's own derivative.
  CHECK(d.delta_recursion[1] == "δ⁽³⁾ = (W⁽⁴⁾)ᵀδ⁽⁴⁾ ⊙ (1−tanh²(z⁽³⁾))");
  CHECK(d.relative_error < 1e-6);
}

TEST_CASE("weight_derivation: the δ recursion writes each activation's own derivative") {
  struct Case {
    Activation hidden;
    const char* header;  // δ⁽²⁾'s line, hand-written
  };
  const Case cases[] = {
      {Activation::relu, "δ⁽²⁾ = (W⁽³⁾)ᵀδ⁽³⁾ ⊙ 1[z⁽²⁾>0]"},
      {Activation::sigmoid, "δ⁽²⁾ = (W⁽³⁾)ᵀδ⁽³⁾ ⊙ σ(z⁽²⁾) ⊙ (1−σ(z⁽²⁾))"},
      {Activation::linear, "δ⁽²⁾ = (W⁽³⁾)ᵀδ⁽³⁾"},  // σ' = 1: no factor
  };
  Trainer t;
  for (const Case& c : cases) {
    CAPTURE(activation_name(c.hidden));
    BPL_REQUIRE(t.configure(xor4_config({3, 3, 3}, c.hidden, Activation::linear, Loss::half_mse)).empty());
    const WeightDerivation d = derive(t, "W1[0][0]");
    BPL_REQUIRE(d.delta_recursion.size() > 5);
    CHECK(d.delta_recursion[5] == c.header);
    CHECK(d.latex.find("\\sigma'") == std::string::npos);
  }
}

TEST_CASE("weight_derivation: the numerical check agrees on smooth nets") {
  struct Net {
    Activation hidden, output;
    Loss loss;
  };
  const Net nets[] = {{Activation::sigmoid, Activation::sigmoid, Loss::bce},
                      {Activation::tanh, Activation::linear, Loss::mse},
                      {Activation::gelu, Activation::tanh, Loss::half_mse},
                      {Activation::tanh, Activation::softmax, Loss::softmax_ce}};
  Trainer t;
  for (const Net& n : nets) {
    TrainConfig c = xor4_config({3, 2}, n.hidden, n.output, n.loss);
    c.init = Init::xavier;
    c.seed = 5;
    BPL_REQUIRE(t.configure(c).empty());
    BPL_REQUIRE(t.step_epoch().status == TrainStatus::ok);  // away from the zero biases
    for (const ParameterInfo& info : t.parameters()) {
      CAPTURE(info.id);
      const WeightDerivation d = derive(t, info.id, 2);
      CHECK(d.relative_error < 1e-6);
      CHECK(d.sample_relative_error < 1e-6);
      CHECK(d.numerical_check == doctest::Approx(d.value).epsilon(1e-7));
    }
  }
}

TEST_CASE("weight_derivation: with L2 regularization, the data loss's gradient and a note on λ·w") {
  TrainConfig c = xor4_config({2}, Activation::tanh, Activation::linear, Loss::half_mse);
  c.regularization = Regularization::l2;
  c.regularization_rate = 0.01;
  Trainer t;
  BPL_REQUIRE(t.configure(c).empty());
  BPL_REQUIRE(t.set_parameter("w1", 0.5).empty());
  const WeightDerivation w1 = derive(t, "w1");
  // J = L + λ·½w²: ∂J/∂w1 − ∂L/∂w1 = λ·w1 = 0.01·0.5 (engine/mlp/regularization.h).
  CHECK(has_note(w1, "λ·w1 = 0.005 from L2 regularization"));
  CHECK(w1.relative_error < 1e-6);  // checked against L alone
  CHECK(t.gradient_check("w1").value->numeric == doctest::Approx(w1.value + 0.005).epsilon(1e-9));
  CHECK_FALSE(has_note(derive(t, "b1"), "regularization"));  // biases are not regularized
}

TEST_CASE("weight_derivation: errors name the field") {
  Trainer t;
  BPL_REQUIRE(configure_seed(t, {0.5, -0.25, 0.75, 0.5, 1.5, -0.5, 0.25, -0.375, 0.125}));
  for (const char* id : {"w7", "W3[0][0]", "b1[5]", "", "weight"}) {
    CAPTURE(id);
    const Result<DerivationRequest> r = check_derivation_request(t, id, -1);
    BPL_REQUIRE(!r.ok());
    BPL_REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].field == "id");
    CHECK(r.errors[0].message.find("w1..w6, b1..b3") != std::string::npos);
    CHECK(r.errors[0].message.find("W<layer>[to][from]") != std::string::npos);
  }
  const Result<DerivationRequest> bad_sample = check_derivation_request(t, "w1", 4);
  BPL_REQUIRE(!bad_sample.ok());
  CHECK(bad_sample.errors[0].field == "sample");
  const Result<DerivationRequest> indexed = check_derivation_request(t, "W1[0][1]", 3);
  BPL_REQUIRE(indexed.ok());  // the indexed form names w3 too
  CHECK((indexed.value->parameter.layer == 1 && indexed.value->parameter.row == 0 && indexed.value->parameter.col == 1));
  CHECK(indexed.value->sample == 3);
  // −1: the first point of the current batch.
  CHECK(check_derivation_request(t, "w1", -1).value->sample == t.current_batch().front());
}

TEST_CASE("weight_derivation: JSON keys and the highlighted chain") {
  Trainer t;
  BPL_REQUIRE(configure_seed(t, {0.5, -0.25, 0.75, 0.5, 1.5, -0.5, 0.25, -0.375, 0.125}));
  const WeightDerivation d = derive(t, "w3");
  const nlohmann::json j = to_json(d, "W1[0][1]");
  for (const char* key : {"symbolic", "numeric", "value", "numericalCheck", "relativeError", "notes", "latex",
                          "sampleValue", "paths", "deltaRecursion", "highlight"}) {
    CHECK_MESSAGE(j.contains(key), key);
  }
  CHECK(j["id"] == "W1[0][1]");  // as the caller named it
  CHECK(j["symbolic"] == "∂L/∂w3 = (y−t)·w5·1[h1>0]·x2");
  CHECK(j["value"].get<double>() == d.value);
  // w3 is x2 → h1 (W1[0][1]); the chain goes on h1 → y through w5 (W2[0][0]).
  const nlohmann::json want_edges = nlohmann::json::parse(
      R"([{"layer":1,"from":1,"to":0},{"layer":2,"from":0,"to":0}])");
  const nlohmann::json want_units = nlohmann::json::parse(
      R"([{"layer":0,"unit":1},{"layer":1,"unit":0},{"layer":2,"unit":0}])");
  CHECK(j["highlight"]["edges"] == want_edges);
  CHECK(j["highlight"]["units"] == want_units);
  // A layer-1 weight of a 2-3-3-1 net: its own edge, the 3 out of its unit, and all 3 of W⁽³⁾.
  BPL_REQUIRE(t.configure(xor4_config({3, 3}, Activation::tanh, Activation::linear, Loss::half_mse)).empty());
  const DerivationHighlight h = derive(t, "W1[1][0]").highlight;
  CHECK(h.edges.size() == 1 + 3 + 3);
  CHECK(h.units.size() == 1 + 1 + 3 + 1);
  CHECK(h.whole_layers == std::vector<int>{3});
}

TEST_CASE("informative_sample: the first training point where the seed's ∂ℓ/∂θ is not 0") {
  // With these weights h1 = max(0, 0.5x1 − 0.3x2 + 0.1) and h2 = max(0, −0.4x1 + 0.6x2 − 0.1), no
  // unit is at its kink on a corner, and h2 is off at (1, 0): w2's first informative point is (1, 1).
  const SeedNet n{0.5, -0.4, -0.3, 0.6, 0.8, -0.7, 0.1, -0.1, 0.05};
  Trainer t;
  BPL_REQUIRE(configure_seed(t, n));
  const std::vector<Point>& train = t.dataset().train;
  BPL_REQUIRE(!train.empty());
  for (const char* id : kSeedIds) {
    const std::string name = id;
    CAPTURE(name);
    const ParameterRef p = *parse_parameter_id(t.network(), id);
    // The oracle: the seed's closed form, point by point from 0.
    int expected = 0;
    while (expected < int(train.size()) && std::fabs(seed_gradient(n, id, train[expected])) <= kTinyGradient) ++expected;
    if (expected == int(train.size())) expected = 0;  // none: the first point
    const int chosen = informative_sample(t, p);
    CHECK(chosen == expected);
    // From a later preferred point it wraps round, and a preferred informative point stays.
    CHECK(informative_sample(t, p, chosen) == chosen);
  }
  // w1 = ∂ℓ/∂w1 ∝ x1: never the point at x1 = 0 that the seed net's xor4 starts with.
  const int w1_sample = informative_sample(t, *parse_parameter_id(t.network(), "w1"));
  CHECK(train[w1_sample].x1 != 0.0);
  CHECK(derive(t, "w1", w1_sample).sample_value != 0.0);
}
