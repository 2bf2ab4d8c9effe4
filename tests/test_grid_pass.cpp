// GridPass: the picture over the input window, a chunk of cells at a time.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/mlp/step_trace.h"
#include "engine/training/trainer.h"
#include "mlp_testing.h"

using namespace bpl;

TEST_CASE("grid_pass: in chunks of any size, every cell is the network at that point") {
  TrainConfig c;
  BPL_REQUIRE(apply_config_json(nlohmann::json{{"dataset", "circle"}, {"hidden", {5, 3}}, {"activation", "tanh"},
                                               {"features", {"x1", "x2", "x1x2"}}}, c).empty());
  Trainer t;
  BPL_REQUIRE(t.configure(c).empty());
  const int n = 9;
  GridPass pass;
  pass.start(t.network(), c.features, t.window(), n, 2);
  CHECK(pass.cells_left() == 81);
  int runs = 0;
  while (!pass.done()) {
    pass.run(7);
    ++runs;
  }
  CHECK(runs == 12);  // 11 chunks of 7 and one of 4
  BPL_REQUIRE(pass.units().size() == 3);
  CHECK(pass.units()[0].size() == 2);  // the first 2 of 5 units
  CHECK(pass.units()[1].size() == 2);
  CHECK(pass.units()[2].size() == 1);  // the output layer has one
  const Network<double> net = t.network().cast<double>();
  for (int cell : {0, 8, 40, 57, 80}) {
    // Cell (r, c): x1 = −6 + 12·c/8, x2 = 6 − 12·r/8.
    const double x1 = -6.0 + 12.0 * (cell % n) / (n - 1), x2 = 6.0 - 12.0 * (cell / n) / (n - 1);
    Matrix<double> x(1, 3);
    x << x1, x2, x1 * x2;
    const StepTrace<double> at = trace_step(net, x, Matrix<double>(Matrix<double>::Zero(1, 1)));
    CAPTURE(cell);
    CHECK(pass.output().values[cell] == doctest::Approx(at.layers[2].a(0, 0)).epsilon(1e-5));
    CHECK(pass.units()[0][1].values[cell] == doctest::Approx(at.layers[0].a(0, 1)).epsilon(1e-5));
    CHECK(pass.units()[1][0].values[cell] == doctest::Approx(at.layers[1].a(0, 0)).epsilon(1e-5));
  }
}

TEST_CASE("grid_pass: the picture is of the weights it started with") {
  Trainer t;
  GridPass during, before;  // the same chunks: one pass with training between them, one without
  for (GridPass* pass : {&during, &before}) {
    pass->start(t.network(), t.config().features, t.window(), 4, 0);
    pass->run(5);
  }
  before.run(16);
  for (int e = 0; e < 50; ++e) t.step_epoch();
  during.run(16);
  CHECK(during.done());
  CHECK(during.output().values == before.output().values);
  CHECK(t.predict_grid(4).value->values != before.output().values);
}
