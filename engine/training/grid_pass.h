#pragma once
// The network's picture over the input window: its output at n×n points (the
// decision heatmap) and the activations of the first units of every layer (the
// thumbnails), computed a chunk of points at a time, so that a large network's
// picture can be spread over several frames (web/network_demo.cpp). A pass
// works on its own copy of the network: training may go on while it runs, and
// the picture is of the weights the pass started with.
#include <vector>

#include "engine/mlp/backprop.h"
#include "engine/mlp/network.h"
#include "engine/training/dataset.h"
#include "engine/training/features.h"

namespace bpl {

// N×N samples of the window, row 0 at the top (x2 = max), column 0 at the left
// (x1 = min): cell (r, c) is x1 = min + (max−min)·c/(N−1), x2 = max − (max−min)·r/(N−1).
struct Grid {
  int n = 0;
  InputWindow window;
  std::vector<float> values;  // [n·n], index r·n + c
};
inline constexpr int kMaxGridSize = 512;

class GridPass {
 public:
  // A new pass over n×n cells (2 ≤ n ≤ kMaxGridSize) recording, for every layer
  // l = 1..L, the first min(units_per_layer, units(l)) units.
  void start(const Network<float>& net, const std::vector<Feature>& features, InputWindow window, int n,
             int units_per_layer);
  // The next `cells` cells (fewer at the end; at least one while not done).
  void run(int cells);
  bool done() const { return next_cell_ >= cell_count(); }
  bool started() const { return output_.n > 0; }
  int cell_count() const { return output_.n * output_.n; }
  int cells_left() const { return cell_count() - next_cell_; }

  // Output (softmax: P(class 1)); units()[l−1][j].
  const Grid& output() const { return output_; }
  const std::vector<std::vector<Grid>>& units() const { return units_; }
  std::vector<std::vector<Grid>>& units() { return units_; }

 private:
  Network<float> net_;
  std::vector<Feature> features_;
  Grid output_;
  std::vector<std::vector<Grid>> units_;
  int next_cell_ = 0;
  Matrix<float> x_;
  Workspace<float> workspace_;
};

}  // namespace bpl
