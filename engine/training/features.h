#pragma once
// Input feature maps of a 2-D point (TF Playground's input column):
//   "x1" x1, "x2" x2, "x1^2" x1², "x2^2" x2², "x1x2" x1·x2, "sin_x1" sin x1, "sin_x2" sin x2.
// The network's inputs are the selected features, in the order selected.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/training/dataset.h"
#include "engine/core/matrix.h"

namespace bpl {

enum class Feature { x1, x2, x1_squared, x2_squared, x1_times_x2, sin_x1, sin_x2 };
inline constexpr std::size_t kFeatureCount = 7;

std::optional<Feature> feature_from_name(std::string_view name);
const char* feature_name(Feature f);
const char* feature_names();  // for error messages

double feature_value(Feature f, double x1, double x2);

// rows = points, cols = features; labels go to a [N × 1] or (classes > 0) one-hot [N × classes] matrix.
template <typename Scalar>
Matrix<Scalar> feature_matrix(const std::vector<Feature>& features, const std::vector<Point>& points);
template <typename Scalar>
Matrix<Scalar> target_matrix(const std::vector<Point>& points, int one_hot_classes);

}  // namespace bpl
