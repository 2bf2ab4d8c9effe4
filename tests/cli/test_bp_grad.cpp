#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bp_process.h"
#include "engine/cli/commands.h"

using namespace bpl::testing;
using json = nlohmann::json;

namespace {

// tests/data/seed_221_*.json hold the seed tutorial's 2-2-1 ReLU net (000_*.txt §4):
//   w1 = 0.5, w3 = −0.4, w2 = −0.3, w4 = 0.8, b1 = 0.1, b2 = −0.2, w5 = 1.5, w6 = −0.7, b3 = 0.05
// and two samples, chosen so that h1 is off for the first and h2 for the second.
// The expected gradients are the seed's per-sample formulas, averaged:
//   ∂L/∂w1 = (y−t)·w5·1[h1>0]·x1 … ∂L/∂b3 = y−t.
struct Expected {
  double loss, w1, w2, w3, w4, w5, w6, b1, b2, b3;
};

Expected seed_formulas() {
  const double w1 = 0.5, w3 = -0.4, w2 = -0.3, w4 = 0.8, b1 = 0.1, b2 = -0.2, w5 = 1.5, w6 = -0.7, b3 = 0.05;
  const double xs[2][3] = {{1, 2, 0.5}, {2, -1, -0.25}};  // x1, x2, t
  Expected e{};
  for (const auto& s : xs) {
    const double x1 = s[0], x2 = s[1], t = s[2];
    const double h1 = std::max(0.0, w1 * x1 + w3 * x2 + b1), h2 = std::max(0.0, w2 * x1 + w4 * x2 + b2);
    const double y = w5 * h1 + w6 * h2 + b3, d = y - t;
    const double on1 = h1 > 0, on2 = h2 > 0;
    e.loss += 0.5 * d * d / 2;
    e.w1 += d * w5 * on1 * x1 / 2;
    e.w3 += d * w5 * on1 * x2 / 2;
    e.w2 += d * w6 * on2 * x1 / 2;
    e.w4 += d * w6 * on2 * x2 / 2;
    e.w5 += d * h1 / 2;
    e.w6 += d * h2 / 2;
    e.b1 += d * w5 * on1 / 2;
    e.b2 += d * w6 * on2 / 2;
    e.b3 += d / 2;
  }
  return e;
}

}  // namespace

TEST_CASE("bp grad: the seed's 2-2-1 net gives the seed's per-weight gradients") {
  const BpRun run = run_bp_binary("grad --model '" + source_file("tests/data/seed_221_model.json") +
                                  "' --data '" + source_file("tests/data/seed_221_data.json") + "'");
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.empty());
  const json result = json::parse(run.out, nullptr, false);
  REQUIRE_FALSE(result.is_discarded());
  const Expected e = seed_formulas();
  CHECK(result["loss"].get<double>() == doctest::Approx(e.loss).epsilon(1e-14));
  const json& hidden = result["gradients"][0];
  const json& output = result["gradients"][1];
  // weights[j][i]: from input i to unit j. w1: x1→h1, w3: x2→h1, w2: x1→h2, w4: x2→h2.
  CHECK(hidden["weights"][0][0].get<double>() == doctest::Approx(e.w1).epsilon(1e-14));
  CHECK(hidden["weights"][0][1].get<double>() == doctest::Approx(e.w3).epsilon(1e-14));
  CHECK(hidden["weights"][1][0].get<double>() == doctest::Approx(e.w2).epsilon(1e-14));
  CHECK(hidden["weights"][1][1].get<double>() == doctest::Approx(e.w4).epsilon(1e-14));
  CHECK(hidden["biases"][0].get<double>() == doctest::Approx(e.b1).epsilon(1e-14));
  CHECK(hidden["biases"][1].get<double>() == doctest::Approx(e.b2).epsilon(1e-14));
  CHECK(output["weights"][0][0].get<double>() == doctest::Approx(e.w5).epsilon(1e-14));
  CHECK(output["weights"][0][1].get<double>() == doctest::Approx(e.w6).epsilon(1e-14));
  CHECK(output["biases"][0].get<double>() == doctest::Approx(e.b3).epsilon(1e-14));
}

TEST_CASE("bp grad: softmax_ce takes [class_index] or one-hot rows alike") {
  const std::string model = scratch_file("softmax_model.json", R"({"inputs": 1, "loss": "softmax_ce",
    "layers": [{"units": 3, "activation": "softmax", "weights": [[1], [-1], [0.5]], "biases": [0, 0.2, 0]}]})");
  const BpRun by_index = run_bp_binary("grad --model '" + model + "' --data '" +
                                       scratch_file("idx.json", R"({"x": [[0.7]], "y": [[2]]})") + "'");
  const BpRun one_hot = run_bp_binary("grad --model '" + model + "' --data '" +
                                      scratch_file("hot.json", R"({"x": [[0.7]], "y": [[0, 0, 1]]})") + "'");
  REQUIRE(by_index.exit_code == 0);
  CHECK(by_index.out == one_hot.out);
  // ℓ = −log softmax(z)_2 with z = (0.7, −0.5, 0.35); ∂ℓ/∂b_k = p_k − [k = 2].
  const double z[3] = {0.7, -0.5, 0.35};
  const double sum = std::exp(z[0]) + std::exp(z[1]) + std::exp(z[2]);
  const json result = json::parse(by_index.out);
  CHECK(result["loss"].get<double>() == doctest::Approx(-std::log(std::exp(z[2]) / sum)).epsilon(1e-14));
  CHECK(result["gradients"][0]["biases"][2].get<double>() == doctest::Approx(std::exp(z[2]) / sum - 1).epsilon(1e-14));
  CHECK(result["gradients"][0]["weights"][0][0].get<double>() == doctest::Approx(0.7 * std::exp(z[0]) / sum).epsilon(1e-14));
}

TEST_CASE("bp grad: bad input is one error line naming the field, exit code 2") {
  const std::string model = source_file("tests/data/seed_221_model.json");
  auto grad_with_data = [&](const std::string& data) {
    return run_bp_binary("grad --model '" + model + "' --data '" + scratch_file("data.json", data) + "'");
  };
  auto grad_with_model = [&](const std::string& text) {
    return run_bp_binary("grad --model '" + scratch_file("model.json", text) + "' --data '" +
                         source_file("tests/data/seed_221_data.json") + "'");
  };
  SUBCASE("bad JSON: line and column") {
    const BpRun run = grad_with_data("{\"x\": [[1, 2]],\n \"y\": [[0.5]\n");
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("error: data: invalid JSON (parse error at line 3, column 1", 0) == 0);
  }
  SUBCASE("x row of the wrong width") {
    const BpRun run = grad_with_data(R"({"x": [[1, 2, 3]], "y": [[0.5]]})");
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("error: x[0]: expected an array of 2 numbers (one per input)", 0) == 0);
  }
  SUBCASE("unknown activation") {
    const BpRun run = grad_with_model(R"({"inputs": 2, "loss": "half_mse",
      "layers": [{"units": 1, "activation": "swish", "weights": [[1, 2]], "biases": [0]}]})");
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("error: layers[0].activation: got \"swish\"; expected one of linear | sigmoid", 0) == 0);
  }
  SUBCASE("negative size") {
    const BpRun run = grad_with_model(R"({"inputs": -2, "loss": "half_mse", "layers": []})");
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("error: inputs: expected an integer from 1 to 1024, got -2", 0) == 0);
  }
  SUBCASE("missing file") {
    const BpRun run = run_bp_binary("grad --model /nonexistent/model.json --data x.json");
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("error: --model: cannot read file", 0) == 0);
  }
  for (const std::string& err : {grad_with_data("[").err, grad_with_model("{}").err}) {
    CHECK(std::count(err.begin(), err.end(), '\n') == 1);  // one line
  }
}

TEST_CASE("bp grad: run_grad with string streams") {
  std::ostringstream out, err;
  const int code = bpl::cli::run_grad({source_file("tests/data/seed_221_model.json"),
                                       source_file("tests/data/seed_221_data.json")}, out, err);
  CHECK(code == 0);
  CHECK(json::parse(out.str())["loss"].get<double>() == doctest::Approx(seed_formulas().loss));
}

TEST_CASE("bp grad: overflow is a result that says so: exit 1 and the first non-finite value") {
  // w = 1e308 on x1 = 2: z⁽¹⁾ = 2e308 overflows double in the first layer's pre-activation.
  const std::string model = scratch_file("overflow.json", R"({"inputs": 2, "loss": "half_mse", "layers": [
    {"units": 1, "activation": "linear", "weights": [[1e308, 0]], "biases": [0]}]})");
  const std::string data = scratch_file("overflow_data.json", R"({"x": [[2, 1]], "y": [[0]]})");
  const BpRun run = run_bp_binary("grad --model '" + model + "' --data '" + data + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.err == "error: result: not finite: the first non-finite value is layers[0].z[sample 0][unit 0] = inf "
                   "(the numbers overflowed double precision)\n");
  const json result = json::parse(run.out, nullptr, false);
  CHECK(result["loss"].is_null());
}

TEST_CASE("bp grad: files that are not files, or too large, fail at once with one line") {
  const std::string data = source_file("tests/data/seed_221_data.json");
  SUBCASE("a directory") {
    const BpRun run = run_bp_binary("grad --model '" + scratch_dir().string() + "' --data '" + data + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error: --model: \"" + scratch_dir().string() + "\" is a directory; expected a file\n");
  }
  SUBCASE("/dev/zero: read up to the cap, then refused") {
    const BpRun run = run_bp_binary("grad --model /dev/zero --data '" + data + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error: --model: \"/dev/zero\" is larger than 64 MiB, the limit for input files\n");
  }
  SUBCASE("a sparse file over the cap is refused before it is read") {
    const std::string big = (scratch_dir() / "big.json").string();
    { std::ofstream(big, std::ios::binary).seekp((std::streamoff(3) << 30) - 1) << ' '; }  // 3 GiB, sparse
    const BpRun run = run_bp_binary("grad --model '" + big + "' --data '" + data + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error: --model: \"" + big + "\" is 3072 MiB; files are limited to 64 MiB\n");
    std::filesystem::remove(big);
  }
}
