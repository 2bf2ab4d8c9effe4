#include "engine/mlp/sample_data_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/core/json_text.h"

namespace bpl {

using json = nlohmann::json;

namespace {

constexpr size_t kMaxReportedErrors = 20;
constexpr long long kMaxRows = 1000000;

// y row for softmax_ce: [class_index] or K non-negative numbers summing to 1 (one-hot).
void read_class_row(const json& row, const std::string& field, int classes, double* out,
                    FieldErrors& errors) {
  const std::string expected = "expected [class_index] with an integer from 0 to " + std::to_string(classes - 1) +
                               ", or a one-hot row of " + std::to_string(classes) + " numbers";
  if (!row.is_array() || (row.size() != 1 && row.size() != size_t(classes))) {
    errors.push_back({field, expected + ", got " + row.dump()});
    return;
  }
  if (row.size() == 1) {
    long long index = 0;
    FieldErrors ignored;
    if (!read_int(row[0], field + "[0]", 0, classes - 1, index, ignored)) {
      errors.push_back({field + "[0]", expected + ", got " + row.dump()});
      return;
    }
    out[index] = 1.0;
    return;
  }
  double sum = 0.0;
  for (int k = 0; k < classes; ++k) {
    if (!row[size_t(k)].is_number() || !(row[size_t(k)].get<double>() >= 0.0)) {
      errors.push_back({field + "[" + std::to_string(k) + "]", expected + " (each >= 0), got " + row[size_t(k)].dump()});
      return;
    }
    out[k] = row[size_t(k)].get<double>();
    sum += out[k];
  }
  if (std::abs(sum - 1.0) > 1e-6) errors.push_back({field, expected + " (summing to 1), got " + row.dump()});
}

// Rows of numbers: x rows with `cols` entries; y rows likewise (not softmax_ce).
void read_number_row(const json& row, const std::string& field, int cols, const char* per_what,
                     bool unit_interval, double* out, FieldErrors& errors) {
  const std::string expected = "expected an array of " + std::to_string(cols) + " numbers (one per " + per_what + ")";
  if (!row.is_array() || row.size() != size_t(cols)) {
    errors.push_back({field, expected + ", got " + row.dump()});
    return;
  }
  for (int k = 0; k < cols; ++k) {
    const json& v = row[size_t(k)];
    const bool ok = v.is_number() && std::isfinite(v.get<double>()) &&
                    (!unit_interval || (v.get<double>() >= 0.0 && v.get<double>() <= 1.0));
    if (!ok) {
      errors.push_back({field + "[" + std::to_string(k) + "]",
                        std::string(unit_interval ? "bce needs a target in [0, 1]" : "expected a finite number") +
                            ", got " + v.dump()});
      return;
    }
    out[k] = v.get<double>();
  }
}

}  // namespace

Result<SampleData> sample_data_from_json(const json& value, const Network<double>& net) {
  using R = Result<SampleData>;
  if (!value.is_object()) {
    return R::failure({{"data", std::string("expected an object {\"x\": [[...]], \"y\": [[...]]}, got ") + value.type_name()}});
  }
  FieldErrors errors;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (it.key() != "x" && it.key() != "y") errors.push_back({it.key(), "unknown field; expected \"x\" and \"y\""});
  }
  const auto x = value.find("x");
  const auto y = value.find("y");
  const std::string x_expected = "expected an array of rows, each " + std::to_string(net.inputs) + " numbers (one per input)";
  const std::string y_expected = "expected an array of target rows, one per row of x";
  if (x == value.end() || !x->is_array() || x->empty() || x->size() > size_t(kMaxRows)) {
    errors.push_back({"x", (x == value.end() ? "missing; " : "") + x_expected + " (1 to " + std::to_string(kMaxRows) + " rows)"});
  }
  if (y == value.end() || !y->is_array()) {
    errors.push_back({"y", (y == value.end() ? "missing; " : "") + y_expected});
  } else if (errors.empty() && y->size() != x->size()) {
    errors.push_back({"y", y_expected + ": " + std::to_string(x->size()) + " rows, got " + std::to_string(y->size())});
  }
  if (!errors.empty()) return R::failure(std::move(errors));

  const int rows = int(x->size());
  const int outputs = net.outputs();
  SampleData data{Matrix<double>::Zero(rows, net.inputs), Matrix<double>::Zero(rows, outputs)};
  for (int r = 0; r < rows && errors.size() < kMaxReportedErrors; ++r) {
    const std::string index = "[" + std::to_string(r) + "]";
    read_number_row((*x)[size_t(r)], "x" + index, net.inputs, "input", false, data.x.row(r).data(), errors);
    if (net.loss == Loss::softmax_ce) {
      read_class_row((*y)[size_t(r)], "y" + index, outputs, data.targets.row(r).data(), errors);
    } else {
      read_number_row((*y)[size_t(r)], "y" + index, outputs, "output", net.loss == Loss::bce,
                      data.targets.row(r).data(), errors);
    }
  }
  if (!errors.empty()) return R::failure(std::move(errors));
  return R::success(std::move(data));
}

Result<SampleData> read_sample_data_json(const std::string& text, const Network<double>& net) {
  Result<json> parsed = parse_json_text(text, "data");
  if (!parsed.ok()) return Result<SampleData>::failure(parsed.errors);
  return sample_data_from_json(*parsed.value, net);
}

}  // namespace bpl
