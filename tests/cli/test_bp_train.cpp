#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "bp_process.h"
#include "engine/cli/commands.h"
#include "engine/mlp/model_json.h"

using namespace bpl::testing;
using json = nlohmann::json;

namespace {
std::vector<json> json_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line, nullptr, false));
  return lines;
}
}  // namespace

TEST_CASE("bp train: one JSON line per epoch, and the saved model solves xor4") {
  // tests/data/xor4_config.json: the seed's 2-4-1 sigmoid net, bce, SGD lr 0.5, full batch, 3000 epochs.
  const std::string saved = (scratch_dir() / "xor_model.json").string();
  const BpRun run = run_bp_binary("train --config '" + source_file("tests/data/xor4_config.json") +
                                  "' --save-model '" + saved + "'");
  REQUIRE(run.exit_code == 0);
  const std::vector<json> lines = json_lines(run.out);
  REQUIRE(lines.size() == 3000);
  CHECK(lines[0]["epoch"] == 1);
  CHECK(lines.back()["epoch"] == 3000);
  CHECK(lines.back()["train_loss"].get<double>() < lines[0]["train_loss"].get<double>());
  CHECK(lines.back()["accuracy"] == 1.0);
  CHECK_FALSE(lines.back().contains("test_loss"));  // xor4 with trainFraction 1 has no test set

  // The saved MODEL.json, read back and evaluated in double by `bp grad`'s reader and forward.
  const bpl::Result<bpl::Network<double>> model = bpl::read_model_json(read_text(saved));
  REQUIRE(model.ok());
  const BpRun grad = run_bp_binary("grad --model '" + saved + "' --data '" +
                                   scratch_file("xor4.json", R"({"x": [[0,0],[0,1],[1,0],[1,1]], "y": [[0],[1],[1],[0]]})") + "'");
  REQUIRE(grad.exit_code == 0);
  CHECK(json::parse(grad.out)["loss"].get<double>() == doctest::Approx(lines.back()["train_loss"].get<double>()).epsilon(1e-5));
}

TEST_CASE("bp train: test loss and accuracy with a split") {
  const std::string config = scratch_file("circle.json", R"({"dataset": "circle", "hidden": [4], "activation": "tanh",
    "batchSize": 10, "learningRate": 0.1, "trainFraction": 0.5, "noise": 0.1, "epochs": 3, "seed": 4})");
  const BpRun run = run_bp_binary("train --config '" + config + "'");
  REQUIRE(run.exit_code == 0);
  const std::vector<json> lines = json_lines(run.out);
  REQUIRE(lines.size() == 3);
  for (const json& line : lines) {
    CHECK(line.contains("test_loss"));
    CHECK(line["accuracy"].get<double>() >= 0.0);
    CHECK(line["train_accuracy"].get<double>() <= 1.0);
  }
  const BpRun regression = run_bp_binary("train --config '" + scratch_file("plane.json",
      R"({"dataset": "plane", "loss": "mse", "outputActivation": "linear", "epochs": 2, "batchSize": 20})") + "'");
  REQUIRE(regression.exit_code == 0);
  CHECK_FALSE(json_lines(regression.out)[0].contains("accuracy"));  // accuracy only for classification
}

TEST_CASE("bp train: divergence is a status line, an error and exit code 1, never NaN numbers") {
  const std::string config = scratch_file("diverge.json", R"({"dataset": "plane", "loss": "mse",
    "outputActivation": "linear", "activation": "relu", "hidden": [8, 8], "learningRate": 100,
    "batchSize": 10, "epochs": 50})");
  const BpRun run = run_bp_binary("train --config '" + config + "' --save-model '" +
                                  (scratch_dir() / "never.json").string() + "'");
  CHECK(run.exit_code == 1);
  const std::vector<json> lines = json_lines(run.out);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.back()["status"] == "diverged");
  CHECK_FALSE(lines.back().contains("train_loss"));
  CHECK(run.out.find("NaN") == std::string::npos);
  CHECK(run.out.find("null") == std::string::npos);
  CHECK(run.err.rfind("error: training diverged", 0) == 0);
  CHECK_FALSE(std::filesystem::exists(scratch_dir() / "never.json"));
}

TEST_CASE("bp train: bad configs are one error line naming the field, exit code 2") {
  auto train = [](const std::string& text) {
    return run_bp_binary("train --config '" + scratch_file("bad.json", text) + "'");
  };
  struct Case {
    const char* config;
    const char* expected_err;
  };
  const Case cases[] = {
      {"{\"hidden\": [4,, 2]}", "error: config: invalid JSON (parse error at line 1, column 15"},
      {R"({"hidden": [4, -3]})", "error: hidden[1]: expected an integer from 1 to 1024, got -3"},
      {R"({"dataset": "moons"})", "error: dataset: unknown name \"moons\"; expected one of xor4 | xor"},
      {R"({"batchSize": -1})", "error: batchSize: expected an integer from 1 to 100000, got -1"},
      {R"({"learningRate": 0})", "error: learningRate: expected a number > 0, got 0"},
      {R"({"loss": "softmax_ce"})", "error: outputActivation: loss softmax_ce needs the output activation \"softmax\""},
      {R"({"epochs": "ten"})", "error: epochs: expected an integer from 0 to 1000000, got string"},
      {R"({"lr": 0.1})", "error: lr: unknown field; expected one of dataset, samples"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.config);
    const BpRun run = train(c.config);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.rfind(c.expected_err, 0) == 0);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
}

TEST_CASE("bp train: run_train with string streams, epochs 0 saves the initial model") {
  std::ostringstream out, err;
  const std::string saved = (scratch_dir() / "initial.json").string();
  bpl::cli::TrainOptions options;
  options.config_path = scratch_file("zero.json", R"({"epochs": 0, "seed": 42})");
  options.save_model_path = saved;
  const int code = bpl::cli::run_train(options, out, err);
  CHECK(code == 0);
  CHECK(out.str().empty());
  const bpl::Result<bpl::Network<double>> model = bpl::read_model_json(read_text(saved));
  REQUIRE(model.ok());
  // The he-initialised 2-4-1 net of seed 42 (tests/test_initializer.cpp has the same value).
  CHECK(float(model.value->layers[0].weights(0, 1)) == -2.49443364f);
}

TEST_CASE("bp train --model: starts from the given weights, the config gives the rest") {
  const std::string model = source_file("tests/data/seed_221_model.json");
  const std::string saved = (scratch_dir() / "from_model.json").string();
  SUBCASE("0 epochs keep the model's weights exactly") {
    const BpRun run = run_bp_binary("train --config '" + scratch_file("m0.json", R"({"epochs": 0, "dataset": "xor4",
      "learningRate": 0.1})") + "' --model '" + model + "' --save-model '" + saved + "'");
    REQUIRE(run.exit_code == 0);
    const bpl::Result<bpl::Network<double>> back = bpl::read_model_json(read_text(saved));
    REQUIRE(back.ok());
    CHECK(back.value->layers[0].weights(1, 1) == doctest::Approx(0.8).epsilon(1e-7));
    CHECK(back.value->layers[1].weights(0, 1) == doctest::Approx(-0.7).epsilon(1e-7));
    CHECK(back.value->layers[1].biases(0) == doctest::Approx(0.05).epsilon(1e-7));
  }
  SUBCASE("1 epoch of full-batch SGD is θ − lr·∂L/∂θ, with ∂L/∂θ from bp grad on the same points") {
    const BpRun run = run_bp_binary("train --config '" + scratch_file("m1.json", R"({"epochs": 1, "dataset": "xor4",
      "batchSize": 4, "learningRate": 0.1})") + "' --model '" + model + "' --save-model '" + saved + "'");
    REQUIRE(run.exit_code == 0);
    const std::string xor4 = scratch_file("xor4_points.json", R"({"x": [[0,0],[0,1],[1,0],[1,1]], "y": [[0],[1],[1],[0]]})");
    const json grads = json::parse(run_bp_binary("grad --model '" + model + "' --data '" + xor4 + "'").out);
    const json start = json::parse(read_text(model));
    const json after = json::parse(read_text(saved));
    for (int l = 0; l < 2; ++l) {
      for (size_t j = 0; j < start["layers"][l]["weights"].size(); ++j) {
        for (size_t i = 0; i < start["layers"][l]["weights"][j].size(); ++i) {
          const double want = start["layers"][l]["weights"][j][i].get<double>() -
                              0.1 * grads["gradients"][l]["weights"][j][i].get<double>();
          CHECK(after["layers"][l]["weights"][j][i].get<double>() == doctest::Approx(want).epsilon(1e-6));
        }
      }
    }
  }
  SUBCASE("a key in both files must agree") {
    const BpRun run = run_bp_binary("train --config '" + scratch_file("m2.json", R"({"hidden": [3]})") +
                                    "' --model '" + model + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error: hidden: the config says [3] but --model has [2]; leave it out of the config or make "
                     "them agree\n");
  }
  SUBCASE("one feature per model input") {
    const BpRun run = run_bp_binary("train --config '" +
                                    scratch_file("m3.json", R"({"features": ["x1", "x2", "x1x2"]})") +
                                    "' --model '" + model + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error: features: the config has 3 features but --model has 2 inputs; list one feature per "
                     "input\n");
  }
  SUBCASE("a bad model names its field") {
    const BpRun run = run_bp_binary("train --config '" + scratch_file("m4.json", "{}") + "' --model '" +
                                    scratch_file("bad_model.json", R"({"inputs": 2, "loss": "nope", "layers": []})") + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("error: --model: ", 0) == 0);
  }
}

TEST_CASE("bp train: softmax_ce from the default 2 features matches bp grad's first step") {
  // The bug: the trainer kept bce's 1-column target buffer and read one-hot targets past its end.
  const std::string model = scratch_file("sm_model.json", R"({"inputs": 2, "loss": "softmax_ce", "layers": [
    {"units": 3, "activation": "tanh", "weights": [[0.5, -0.4], [-0.3, 0.8], [0.2, 0.6]], "biases": [0.1, -0.2, 0.05]},
    {"units": 2, "activation": "softmax", "weights": [[1.5, -0.7, 0.3], [-0.2, 0.4, -1.1]], "biases": [0.05, -0.05]}]})");
  const std::string saved = (scratch_dir() / "sm_after.json").string();
  {  // one epoch of full-batch SGD: one update (tests/test_trainer_reconfigure.cpp covers smaller batches)
    const BpRun run = run_bp_binary("train --config '" + scratch_file("sm.json", R"({"epochs": 1, "dataset": "xor4",
      "batchSize": 4, "learningRate": 0.5, "loss": "softmax_ce", "outputActivation": "softmax"})") + "' --model '" +
                                    model + "' --save-model '" + saved + "'");
    REQUIRE(run.exit_code == 0);
    const std::string xor4 = scratch_file("sm_points.json", R"({"x": [[0,0],[0,1],[1,0],[1,1]], "y": [[0],[1],[1],[0]]})");
    const json grads = json::parse(run_bp_binary("grad --model '" + model + "' --data '" + xor4 + "'").out);
    const json start = json::parse(read_text(model));
    const json after = json::parse(read_text(saved));
    for (int l = 0; l < 2; ++l) {
      for (size_t j = 0; j < start["layers"][l]["biases"].size(); ++j) {
        const double want = start["layers"][l]["biases"][j].get<double>() -
                            0.5 * grads["gradients"][l]["biases"][j].get<double>();
        CHECK(after["layers"][l]["biases"][j].get<double>() == doctest::Approx(want).epsilon(1e-6));
      }
    }
  }
}
