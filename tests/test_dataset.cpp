#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "engine/training/dataset.h"
#include "engine/training/features.h"
#include "mlp_testing.h"

using namespace bpl;

namespace {
const DatasetKind kAll[] = {DatasetKind::xor4,   DatasetKind::xor_cloud, DatasetKind::circle,
                            DatasetKind::gauss,  DatasetKind::spiral,    DatasetKind::plane,
                            DatasetKind::multigauss};
int count_label(const std::vector<Point>& points, double label) {
  int n = 0;
  for (const Point& p : points) n += p.label == label;
  return n;
}
}  // namespace

TEST_CASE("dataset: xor4 is exactly the seed's four points") {
  const Dataset d = make_dataset({DatasetKind::xor4, 0, 0.3, 1.0, 77});
  BPL_REQUIRE(d.train.size() == 4);
  CHECK(d.test.empty());
  const double want[4][3] = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
  for (int i = 0; i < 4; ++i) {
    CHECK(d.train[i].x1 == want[i][0]);
    CHECK(d.train[i].x2 == want[i][1]);
    CHECK(d.train[i].label == want[i][2]);
  }
}

TEST_CASE("dataset: sizes and train/test split") {
  for (DatasetKind kind : kAll) {
    const std::string name = dataset_name(kind);
    CAPTURE(name);
    const Dataset d = make_dataset({kind, 0, 0.1, 0.7, 3});
    const int total = default_samples(kind);
    CHECK(int(d.train.size() + d.test.size()) == total);
    CHECK(int(d.train.size()) == int(std::floor(total * 0.7)));
    const Dataset custom = make_dataset({kind, 101, 0.0, 0.5, 3});
    if (kind != DatasetKind::xor4) {
      CHECK(custom.train.size() == 50);
      CHECK(custom.test.size() == 51);
    }
  }
  CHECK(default_samples(DatasetKind::circle) == 500);  // Playground's counts
  CHECK(default_samples(DatasetKind::plane) == 1200);
}

TEST_CASE("dataset: training_point_count is the generated training set's size") {
  for (DatasetKind kind : kAll) {
    for (int samples : {0, 4, 101, 999}) {
      for (double fraction : {0.1, 0.5, 0.7, 1.0}) {
        CAPTURE(dataset_name(kind));
        CAPTURE(samples);
        CAPTURE(fraction);
        const DatasetSettings settings{kind, samples, 0.2, fraction, 5};
        CHECK(training_point_count(settings) == int(make_dataset(settings).train.size()));
      }
    }
  }
  CHECK(training_point_count({DatasetKind::circle, 0, 0.0, 1e300, 1}) == 500);  // no overflow on nonsense
}

TEST_CASE("dataset: deterministic per seed") {
  for (DatasetKind kind : kAll) {
    const std::string name = dataset_name(kind);
    CAPTURE(name);
    const std::vector<Point> a = generate_points(kind, 200, 0.2, 5);
    const std::vector<Point> b = generate_points(kind, 200, 0.2, 5);
    const std::vector<Point> c = generate_points(kind, 200, 0.2, 6);
    BPL_REQUIRE(a.size() == b.size());
    bool all_same = true, any_differs = false;
    for (size_t i = 0; i < a.size(); ++i) {
      all_same = all_same && a[i].x1 == b[i].x1 && a[i].x2 == b[i].x2 && a[i].label == b[i].label;
      any_differs = any_differs || a[i].x1 != c[i].x1;
    }
    CHECK(all_same);
    if (kind != DatasetKind::xor4 && kind != DatasetKind::spiral) CHECK(any_differs);
  }
}

TEST_CASE("dataset: labels follow Playground's rules (noise 0), classes as 1 (+1) and 0 (−1)") {
  SUBCASE("xor: [x·y ≥ 0], points padded 0.3 off the axes") {
    for (const Point& p : generate_points(DatasetKind::xor_cloud, 300, 0.0, 1)) {
      CHECK(p.label == (p.x1 * p.x2 >= 0 ? 1.0 : 0.0));
      CHECK(std::abs(p.x1) >= 0.3);
      CHECK(std::abs(p.x1) <= 5.3);
    }
  }
  SUBCASE("circle: 1 inside radius 2.5, 0 in the ring 3.5..5, half each") {
    const std::vector<Point> points = generate_points(DatasetKind::circle, 300, 0.0, 1);
    for (const Point& p : points) {
      const double r = std::hypot(p.x1, p.x2);
      CHECK(p.label == (r < 2.5 ? 1.0 : 0.0));
      CHECK((r <= 2.5 + 1e-12 || (r >= 3.5 - 1e-12 && r <= 5 + 1e-12)));
    }
    CHECK(count_label(points, 1.0) == 150);
  }
  SUBCASE("gauss: clusters at (2,2) → 1 and (−2,−2) → 0 with variance 0.5") {
    const std::vector<Point> points = generate_points(DatasetKind::gauss, 4000, 0.0, 1);
    double sx = 0, sxx = 0;
    int n = 0;
    for (const Point& p : points) {
      if (p.label != 1.0) continue;
      sx += p.x1;
      sxx += (p.x1 - 2) * (p.x1 - 2);
      ++n;
    }
    CHECK(n == 2000);
    CHECK(sx / n == doctest::Approx(2.0).epsilon(0.02));
    CHECK(sxx / n == doctest::Approx(0.5).epsilon(0.08));
  }
  SUBCASE("spiral: point i of an arm of n at radius 5i/n, angle 1.75·2π·i/n (+π)") {
    const std::vector<Point> points = generate_points(DatasetKind::spiral, 200, 0.0, 1);
    const double pi = 3.14159265358979323846;
    for (int i = 0; i < 100; ++i) {
      const double r = i / 100.0 * 5, t = 1.75 * i / 100.0 * 2 * pi;
      CHECK(points[i].x1 == doctest::Approx(r * std::sin(t)));
      CHECK(points[i].x2 == doctest::Approx(r * std::cos(t)));
      CHECK(points[i].label == 1.0);
      CHECK(points[100 + i].x1 == doctest::Approx(r * std::sin(t + pi)));
      CHECK(points[100 + i].label == 0.0);
    }
  }
  SUBCASE("plane: (x1 + x2)/10") {
    for (const Point& p : generate_points(DatasetKind::plane, 200, 0.0, 1)) {
      CHECK(p.label == doctest::Approx((p.x1 + p.x2) / 10));
      CHECK(std::abs(p.x1) <= 6);
    }
  }
  SUBCASE("multigauss: the strongest of six bumps ±max(0, 1 − d/2)") {
    const double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    for (const Point& p : generate_points(DatasetKind::multigauss, 300, 0.0, 1)) {
      double want = 0;
      for (const auto& b : bumps) {
        const double v = b[2] * std::max(0.0, 1 - std::hypot(p.x1 - b[0], p.x2 - b[1]) / 2);
        if (std::abs(v) > std::abs(want)) want = v;
      }
      CHECK(p.label == doctest::Approx(want));
    }
  }
}

TEST_CASE("dataset: noise flips labels near the boundary but keeps the points") {
  const std::vector<Point> clean = generate_points(DatasetKind::xor_cloud, 500, 0.0, 4);
  const std::vector<Point> noisy = generate_points(DatasetKind::xor_cloud, 500, 0.5, 4);
  int flipped = 0;
  for (size_t i = 0; i < clean.size(); ++i) {
    CHECK(clean[i].x1 == noisy[i].x1);  // same draws for x, y; noise only moves the label test
    flipped += (noisy[i].label != (noisy[i].x1 * noisy[i].x2 >= 0 ? 1.0 : 0.0));
  }
  CHECK(flipped > 10);
}

TEST_CASE("features: each map by hand") {
  const double x1 = 1.5, x2 = -2.0;
  CHECK(feature_value(*feature_from_name("x1"), x1, x2) == 1.5);
  CHECK(feature_value(*feature_from_name("x2"), x1, x2) == -2.0);
  CHECK(feature_value(*feature_from_name("x1^2"), x1, x2) == 2.25);
  CHECK(feature_value(*feature_from_name("x2^2"), x1, x2) == 4.0);
  CHECK(feature_value(*feature_from_name("x1x2"), x1, x2) == -3.0);
  CHECK(feature_value(*feature_from_name("sin_x1"), x1, x2) == doctest::Approx(0.9974949866040544));
  CHECK(feature_value(*feature_from_name("sin_x2"), x1, x2) == doctest::Approx(-0.9092974268256817));
  CHECK_FALSE(feature_from_name("x3"));
  const std::vector<Point> points = {{1, 2, 1}, {3, 4, 0}};
  const Matrix<double> m = feature_matrix<double>({Feature::x1_times_x2, Feature::x1}, points);
  CHECK(m(1, 0) == 12.0);
  CHECK(m(1, 1) == 3.0);
  const Matrix<double> one_hot = target_matrix<double>(points, 2);
  CHECK(one_hot(0, 1) == 1.0);
  CHECK(one_hot(1, 0) == 1.0);
}
