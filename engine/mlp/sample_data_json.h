#pragma once
// DATA.json, the `bp grad` samples: {"x": [[x1, x2], ...], "y": [[t1, ...], ...]}.
// Each x row has one number per network input; each y row one per output,
// or for softmax_ce either a one-hot row or [class_index].
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "engine/core/matrix.h"
#include "engine/mlp/network.h"
#include "engine/core/result.h"

namespace bpl {

struct SampleData {
  Matrix<double> x;        // [N × inputs]
  Matrix<double> targets;  // [N × outputs]; softmax_ce class indices expanded to one-hot
};

Result<SampleData> sample_data_from_json(const nlohmann::json& json, const Network<double>& net);
Result<SampleData> read_sample_data_json(const std::string& text, const Network<double>& net);

}  // namespace bpl
