// to_json(WeightDerivation): the web API's derivation(id), keys in camelCase.
#include <cmath>

#include <nlohmann/json.hpp>

#include "engine/derivation/weight_derivation.h"
#include "engine/typeset/typeset.h"

namespace bpl {

namespace {

using nlohmann::json;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json path_json(const DerivationPath& path) {
  return {{"units", path.units},
          {"text", path.text},
          {"numeric", path.numeric},
          {"latex", typeset::strip_marks(path.latex)},
          {"value", number_or_null(path.value)},
          {"sampleValue", number_or_null(path.sample_value)}};
}

// [{role, text, latex, brief}]: the typeset lines, marks kept (the page's colours and hover).
json lines_json(const std::vector<DerivationLine>& lines) {
  json out = json::array();
  for (const DerivationLine& line : lines) {
    out.push_back({{"role", line.role}, {"text", line.text}, {"latex", line.latex},
                   {"brief", line.brief.empty() ? line.latex : line.brief}});
  }
  return out;
}

json highlight_json(const DerivationHighlight& h) {
  json edges = json::array(), units = json::array();
  for (const DerivationEdge& e : h.edges) edges.push_back({{"layer", e.layer}, {"from", e.from}, {"to", e.to}});
  for (const DerivationUnit& u : h.units) units.push_back({{"layer", u.layer}, {"unit", u.unit}});
  return {{"edges", edges}, {"units", units}, {"wholeLayers", h.whole_layers}, {"edgesTruncated", h.edges_truncated}};
}

}  // namespace

json to_json(const WeightDerivation& d, const std::string& id) {
  json paths = json::array();
  for (const DerivationPath& path : d.paths) paths.push_back(path_json(path));
  return {{"id", id},
          {"parameter", {{"layer", d.parameter.layer}, {"row", d.parameter.row}, {"col", d.parameter.col}}},
          {"sample", d.sample},
          {"batchSize", d.batch_size},
          {"chain", d.chain},
          {"symbolic", d.symbolic},
          {"numeric", d.numeric},
          {"batch", d.batch},
          {"value", number_or_null(d.value)},
          {"sampleValue", number_or_null(d.sample_value)},
          {"deltaRecursion", d.delta_recursion},
          {"pathCount", d.path_count},
          {"paths", paths},
          {"numericalCheck", number_or_null(d.numerical_check)},
          {"relativeError", number_or_null(d.relative_error)},
          {"sampleNumericalCheck", number_or_null(d.sample_numerical_check)},
          {"sampleRelativeError", number_or_null(d.sample_relative_error)},
          {"notes", d.notes},
          {"text", d.text},
          {"latex", d.latex},
          {"lines", lines_json(d.lines)},
          {"highlight", highlight_json(d.highlight)}};
}

}  // namespace bpl
