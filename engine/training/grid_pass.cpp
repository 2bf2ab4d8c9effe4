#include "engine/training/grid_pass.h"

#include <algorithm>

#include "engine/core/expect.h"

namespace bpl {

namespace {
constexpr int kChunk = 1024;  // rows per forward pass
}  // namespace

void GridPass::start(const Network<float>& net, const std::vector<Feature>& features, InputWindow window, int n,
                     int units_per_layer) {
  BPL_EXPECT(n >= 2 && n <= kMaxGridSize, "grid size out of range");
  net_ = net;
  features_ = features;
  output_ = Grid{n, window, std::vector<float>(std::size_t(n) * n)};
  units_.assign(net.depth(), {});
  for (int l = 1; l <= net.depth(); ++l) {
    units_[l - 1].assign(std::min(units_per_layer, net.units(l)), Grid{n, window, std::vector<float>(std::size_t(n) * n)});
  }
  next_cell_ = 0;
}

void GridPass::run(int cells) {
  const int n = output_.n;
  const int end = std::min(cell_count(), next_cell_ + std::max(cells, 1));
  const InputWindow w = output_.window;
  const int column = net_.outputs() > 1 ? 1 : 0;  // softmax: P(class 1)
  while (next_cell_ < end) {
    const int count = std::min(kChunk, end - next_cell_);
    if (x_.rows() < count || x_.cols() != Eigen::Index(features_.size())) x_.resize(count, Eigen::Index(features_.size()));
    workspace_.reserve(net_, count);
    for (int k = 0; k < count; ++k) {
      const int r = (next_cell_ + k) / n, c = (next_cell_ + k) % n;
      const double x1 = w.min + (w.max - w.min) * c / (n - 1);
      const double x2 = w.max - (w.max - w.min) * r / (n - 1);
      for (int f = 0; f < int(features_.size()); ++f) x_(k, f) = float(feature_value(features_[f], x1, x2));
    }
    forward(net_, x_.data(), int(x_.cols()), count, workspace_);
    for (int k = 0; k < count; ++k) output_.values[next_cell_ + k] = workspace_.a.back()(k, column);
    for (int l = 1; l <= net_.depth(); ++l) {
      std::vector<Grid>& layer = units_[l - 1];
      for (int j = 0; j < int(layer.size()); ++j)
        for (int k = 0; k < count; ++k) layer[j].values[next_cell_ + k] = workspace_.a[l - 1](k, j);
    }
    next_cell_ += count;
  }
}

}  // namespace bpl
