// TF Playground's dataset.ts, point for point, with our Rng in place of Math.random
// and Playground's ±1 labels mapped to 1/0.
#include "engine/training/dataset.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/core/enum_names.h"
#include "engine/core/portable_math.h"
#include "engine/core/rng.h"

namespace bpl {

namespace {
constexpr EnumName<DatasetKind> kDatasets[] = {
    {"xor4", DatasetKind::xor4},     {"xor", DatasetKind::xor_cloud},
    {"circle", DatasetKind::circle}, {"gauss", DatasetKind::gauss},
    {"spiral", DatasetKind::spiral}, {"plane", DatasetKind::plane},
    {"multigauss", DatasetKind::multigauss}};

double class_label(bool positive) { return positive ? 1.0 : 0.0; }

std::vector<Point> xor_cloud(int n, double noise, Rng& rng) {
  std::vector<Point> points;
  constexpr double padding = 0.3;
  for (int i = 0; i < n; ++i) {
    double x = rng.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    double y = rng.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const double noise_x = rng.uniform(-5, 5) * noise;
    const double noise_y = rng.uniform(-5, 5) * noise;
    points.push_back({x, y, class_label((x + noise_x) * (y + noise_y) >= 0)});
  }
  return points;
}

std::vector<Point> circle(int n, double noise, Rng& rng) {
  std::vector<Point> points;
  constexpr double radius = 5;
  auto add = [&](double r_min, double r_max) {
    const double r = rng.uniform(r_min, r_max);
    const double angle_turns = rng.uniform();  // Playground: angle ~ U(0, 2π)
    const double x = r * sin_turns(angle_turns);
    const double y = r * cos_turns(angle_turns);
    const double noise_x = rng.uniform(-radius, radius) * noise;
    const double noise_y = rng.uniform(-radius, radius) * noise;
    const double nx = x + noise_x, ny = y + noise_y;
    points.push_back({x, y, class_label(std::sqrt(nx * nx + ny * ny) < radius * 0.5)});
  };
  for (int i = 0; i < n / 2; ++i) add(0, radius * 0.5);  // positives inside
  for (int i = 0; i < n - n / 2; ++i) add(radius * 0.7, radius);  // negatives outside
  return points;
}

std::vector<Point> two_gauss(int n, double noise, Rng& rng) {
  std::vector<Point> points;
  // d3.scale.linear().domain([0, .5]).range([0.5, 4]): variance = 0.5 + 7·noise.
  const double stddev = std::sqrt(0.5 + 7.0 * noise);
  auto cluster = [&](double cx, double cy, int count, double label) {
    for (int i = 0; i < count; ++i) {
      const double x = cx + stddev * rng.normal();
      const double y = cy + stddev * rng.normal();
      points.push_back({x, y, label});
    }
  };
  cluster(2, 2, n / 2, 1.0);
  cluster(-2, -2, n - n / 2, 0.0);
  return points;
}

std::vector<Point> spiral(int n, double noise, Rng& rng) {
  std::vector<Point> points;
  const int arm = n / 2;
  auto add_arm = [&](int count, double delta_turns, double label) {
    for (int i = 0; i < count; ++i) {
      const double r = double(i) / count * 5;
      const double t_turns = 1.75 * i / count + delta_turns;  // t = 1.75·2π·i/n + Δt
      const double x = r * sin_turns(t_turns) + rng.uniform(-1, 1) * noise;
      const double y = r * cos_turns(t_turns) + rng.uniform(-1, 1) * noise;
      points.push_back({x, y, label});
    }
  };
  add_arm(arm, 0.0, 1.0);
  add_arm(n - arm, 0.5, 0.0);  // Δt = π
  return points;
}

// Regression: label = f(x + noise_x, y + noise_y), noise ~ U(−6, 6)·noise.
template <typename LabelOf>
std::vector<Point> regression(int n, double noise, Rng& rng, LabelOf label_of) {
  std::vector<Point> points;
  constexpr double radius = 6;
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform(-radius, radius);
    const double y = rng.uniform(-radius, radius);
    const double noise_x = rng.uniform(-radius, radius) * noise;
    const double noise_y = rng.uniform(-radius, radius) * noise;
    points.push_back({x, y, label_of(x + noise_x, y + noise_y)});
  }
  return points;
}

// d3 scale domain [−10, 10] → [−1, 1] of x + y.
double plane_label(double x, double y) { return (x + y) / 10.0; }

// The bump of largest magnitude: sign·max(0, 1 − dist/2) (domain [0, 2] → [1, 0], clamped).
double multigauss_label(double x, double y) {
  constexpr double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                                  {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double label = 0.0;
  for (const auto& bump : bumps) {
    const double dist = std::sqrt((x - bump[0]) * (x - bump[0]) + (y - bump[1]) * (y - bump[1]));
    const double value = bump[2] * std::max(0.0, 1.0 - dist / 2.0);
    if (std::abs(value) > std::abs(label)) label = value;
  }
  return label;
}

}  // namespace

std::optional<DatasetKind> dataset_from_name(std::string_view name) { return enum_from_name(kDatasets, name); }

const char* dataset_name(DatasetKind kind) { return enum_name(kDatasets, kind); }

const char* dataset_names() {
  static const std::string names = enum_name_list(kDatasets);
  return names.c_str();
}

bool is_classification(DatasetKind kind) {
  return kind != DatasetKind::plane && kind != DatasetKind::multigauss;
}

int default_samples(DatasetKind kind) {
  if (kind == DatasetKind::xor4) return 4;
  return is_classification(kind) ? 500 : 1200;
}

std::optional<const char*> label_error(DatasetKind kind, double label) {
  if (is_classification(kind)) {
    if (label == 0.0 || label == 1.0) return std::nullopt;
    return "expected 0 or 1 (the class)";
  }
  if (std::abs(label) <= 2.0) return std::nullopt;
  return "expected a number in [-2, 2]";
}

InputWindow input_window(DatasetKind kind) {
  return kind == DatasetKind::xor4 ? InputWindow{-0.5, 1.5} : InputWindow{-6.0, 6.0};
}

std::vector<Point> generate_points(DatasetKind kind, int samples, double noise, std::uint64_t seed) {
  Rng rng(seed, RngStream::dataset);
  switch (kind) {
    case DatasetKind::xor4: return {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    case DatasetKind::xor_cloud: return xor_cloud(samples, noise, rng);
    case DatasetKind::circle: return circle(samples, noise, rng);
    case DatasetKind::gauss: return two_gauss(samples, noise, rng);
    case DatasetKind::spiral: return spiral(samples, noise, rng);
    case DatasetKind::plane: return regression(samples, noise, rng, plane_label);
    case DatasetKind::multigauss: return regression(samples, noise, rng, multigauss_label);
  }
  return {};
}

bool same_data(const DatasetSettings& a, const DatasetSettings& b) {
  return a.kind == b.kind && a.samples == b.samples && a.noise == b.noise && a.train_fraction == b.train_fraction &&
         a.seed == b.seed;
}

std::string dataset_csv(const Dataset& data, std::size_t added_train_points) {
  std::string csv = "x1,x2,label,set,added\n";
  char line[128];
  const std::size_t first_added = data.train.size() - std::min(added_train_points, data.train.size());
  for (std::size_t i = 0; i < data.train.size(); ++i) {
    const Point& p = data.train[i];
    std::snprintf(line, sizeof line, "%.10g,%.10g,%.10g,train,%d\n", p.x1, p.x2, p.label, i >= first_added ? 1 : 0);
    csv += line;
  }
  for (const Point& p : data.test) {
    std::snprintf(line, sizeof line, "%.10g,%.10g,%.10g,test,0\n", p.x1, p.x2, p.label);
    csv += line;
  }
  return csv;
}

int training_point_count(const DatasetSettings& settings) {
  const int samples = settings.kind == DatasetKind::xor4 ? 4
                      : settings.samples > 0         ? settings.samples
                                                     : default_samples(settings.kind);
  const double fraction = settings.train_fraction > 0.0 ? std::min(settings.train_fraction, 1.0) : 0.0;  // NaN: 0
  return int(std::floor(double(samples) * fraction));
}

Dataset make_dataset(const DatasetSettings& settings) {
  const int samples = settings.samples > 0 ? settings.samples : default_samples(settings.kind);
  std::vector<Point> points = generate_points(settings.kind, samples, settings.noise, settings.seed);
  // Playground: shuffle(data), then the first ⌊N·trainFraction⌋ points train.
  std::vector<int> order(points.size());
  for (int i = 0; i < int(order.size()); ++i) order[i] = i;
  if (settings.kind != DatasetKind::xor4) {
    Rng rng(settings.seed, RngStream::split);
    rng.shuffle(order);
  }
  const int train_count = int(std::floor(double(points.size()) * settings.train_fraction));
  Dataset data;
  data.kind = settings.kind;
  for (int i = 0; i < int(order.size()); ++i) {
    (i < train_count ? data.train : data.test).push_back(points[order[i]]);
  }
  return data;
}

}  // namespace bpl
