#pragma once
// The 2-D datasets of TensorFlow Playground (dataset.ts), plus the seeds' four
// XOR points. Deterministic for a seed (Rng(seed, RngStream::dataset)).
// Points lie in Playground's window [−6, 6]² (xor4: the unit square).
//   xor4        exactly (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0 (no noise; `samples` ignored)
//   xor         x, y ~ U(−5, 5), pushed 0.3 away from each axis; label [x'·y' ≥ 0]
//               with x' = x + U(−5,5)·noise (same for y)
//   circle      half inside r ~ U(0, 2.5), half in r ~ U(3.5, 5); label [|p + noise| < 2.5]
//               with noise U(−5,5)·noise per coordinate
//   gauss       half N((2,2), σ²), half N((−2,−2), σ²), σ² = 0.5 + 3.5·noise/0.5 (Playground's scale)
//   spiral      two arms r = 5i/n, t = 1.75·2π·i/n (+π for the second), plus U(−1,1)·noise
//   plane       regression: x, y ~ U(−6, 6); label (x'+y')/10 with x' = x + U(−6,6)·noise
//   multigauss  regression: six bumps at (±4|0, ±2.5) with signs ±1; label = the bump value of
//               largest magnitude, value = sign·max(0, 1 − dist/2), at the noisy point
// Labels: Playground's ±1 classes become targets 1 (its +1) and 0 (its −1), the
// 0/1 form that sigmoid + bce (our classification default) and softmax_ce
// (class index) expect. Regression labels stay as Playground makes them: multigauss in
// [−1, 1], plane (x+y)/10, which reaches ±1.2 in the corners.
// `noise` is Playground's slider / 100 (0..0.5 in its UI; we accept 0..1).
// The split: the points are shuffled (split stream; xor4 keeps its order), the first
// floor(N·trainFraction) train, the rest test, as Playground does.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpl {

enum class DatasetKind { xor4, xor_cloud, circle, gauss, spiral, plane, multigauss };

// JSON names: "xor4", "xor", "circle", "gauss", "spiral", "plane", "multigauss".
std::optional<DatasetKind> dataset_from_name(std::string_view name);
const char* dataset_name(DatasetKind kind);
const char* dataset_names();
bool is_classification(DatasetKind kind);
// Playground's sample counts: 500 for classification, 1200 for regression; 4 for xor4.
int default_samples(DatasetKind kind);

struct Point {
  double x1 = 0.0;
  double x2 = 0.0;
  double label = 0.0;  // classification: 0 or 1; regression: about [−1, 1]
  bool operator==(const Point& other) const { return x1 == other.x1 && x2 == other.x2 && label == other.label; }
};

// A point a learner adds (by clicking, or in a link's `points`): coordinates finite
// and within ±kMaxPointCoordinate, a label of the dataset's kind.
inline constexpr double kMaxPointCoordinate = 1e6;
// nullopt when `label` fits `kind` (classification: 0 or 1; regression: [−2, 2]); else what is expected.
std::optional<const char*> label_error(DatasetKind kind, double label);

// The square the UI draws and predict_grid() samples: [min, max] on both axes.
struct InputWindow {
  double min = -6.0;
  double max = 6.0;
};
InputWindow input_window(DatasetKind kind);  // xor4: [−0.5, 1.5]; else [−6, 6]

struct DatasetSettings {
  DatasetKind kind = DatasetKind::xor4;
  int samples = 0;               // total, before the split; 0: default_samples (xor4: always 4)
  double noise = 0.0;            // 0..1
  double train_fraction = 1.0;   // (0, 1]
  std::uint64_t seed = 1;
};

// The same settings generate the same points.
bool same_data(const DatasetSettings& a, const DatasetSettings& b);

struct Dataset {
  DatasetKind kind = DatasetKind::xor4;
  std::vector<Point> train;
  std::vector<Point> test;
};

// The points as CSV, "x1,x2,label,set,added": the training points, then the test
// points (set "train" / "test"); added is 1 for the last `added_train_points` training
// points (the ones a learner clicked in), else 0. Numbers to 10 significant digits.
std::string dataset_csv(const Dataset& data, std::size_t added_train_points);

// All points in generation order (before the split).
std::vector<Point> generate_points(DatasetKind kind, int samples, double noise, std::uint64_t seed);
// generate_points, shuffled and split.
Dataset make_dataset(const DatasetSettings& settings);
// make_dataset(settings).train.size(), without generating the points.
int training_point_count(const DatasetSettings& settings);

}  // namespace bpl
