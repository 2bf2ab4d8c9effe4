#include "engine/training/features.h"

#include <cmath>

#include "engine/core/enum_names.h"

namespace bpl {

namespace {
constexpr EnumName<Feature> kFeatures[] = {
    {"x1", Feature::x1},           {"x2", Feature::x2},         {"x1^2", Feature::x1_squared},
    {"x2^2", Feature::x2_squared}, {"x1x2", Feature::x1_times_x2}, {"sin_x1", Feature::sin_x1},
    {"sin_x2", Feature::sin_x2}};
}  // namespace

std::optional<Feature> feature_from_name(std::string_view name) { return enum_from_name(kFeatures, name); }

const char* feature_name(Feature feature) { return enum_name(kFeatures, feature); }

const char* feature_names() {
  static const std::string names = enum_name_list(kFeatures, ", ", "\"");
  return names.c_str();
}

double feature_value(Feature f, double x1, double x2) {
  switch (f) {
    case Feature::x1: return x1;
    case Feature::x2: return x2;
    case Feature::x1_squared: return x1 * x1;
    case Feature::x2_squared: return x2 * x2;
    case Feature::x1_times_x2: return x1 * x2;
    case Feature::sin_x1: return std::sin(x1);
    case Feature::sin_x2: return std::sin(x2);
  }
  return 0.0;
}

template <typename Scalar>
Matrix<Scalar> feature_matrix(const std::vector<Feature>& features, const std::vector<Point>& points) {
  Matrix<Scalar> out(Eigen::Index(points.size()), Eigen::Index(features.size()));
  for (int r = 0; r < int(points.size()); ++r) {
    for (int c = 0; c < int(features.size()); ++c) {
      out(r, c) = Scalar(feature_value(features[c], points[r].x1, points[r].x2));
    }
  }
  return out;
}

template <typename Scalar>
Matrix<Scalar> target_matrix(const std::vector<Point>& points, int one_hot_classes) {
  const int cols = one_hot_classes > 0 ? one_hot_classes : 1;
  Matrix<Scalar> out = Matrix<Scalar>::Zero(Eigen::Index(points.size()), cols);
  for (int r = 0; r < int(points.size()); ++r) {
    if (one_hot_classes > 0) {
      out(r, int(points[r].label)) = Scalar(1);
    } else {
      out(r, 0) = Scalar(points[r].label);
    }
  }
  return out;
}

template Matrix<float> feature_matrix(const std::vector<Feature>&, const std::vector<Point>&);
template Matrix<double> feature_matrix(const std::vector<Feature>&, const std::vector<Point>&);
template Matrix<float> target_matrix(const std::vector<Point>&, int);
template Matrix<double> target_matrix(const std::vector<Point>&, int);

}  // namespace bpl
