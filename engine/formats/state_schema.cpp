// The state table (state_schema.h): the readers of the fields outside TrainConfig, then the table.
// The rules between fields and the ways to apply a state: state_apply.cpp.
#include "engine/formats/state_schema.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/count_text.h"
#include "engine/core/input_limits.h"
#include "engine/core/json_text.h"
#include "engine/core/text.h"
#include "engine/expr/parser.h"
#include "engine/formats/origin.h"
#include "engine/mlp/model_json.h"

namespace bpl {

using json = nlohmann::json;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool read_one_of(const json& value, const char* field, std::initializer_list<const char*> names, std::string& out,
                 FieldErrors& errors) {
  std::string list;
  for (const char* name : names) {
    if (value.is_string() && value.get_ref<const std::string&>() == name) {
      out = name;
      return true;
    }
    list += (list.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  }
  errors.push_back({field, "expected one of " + list + ", got " + printable(dump_safely(value), 60)});
  return false;
}

void read_bool(const json& value, const char* field, bool& out, FieldErrors& errors) {
  if (value.is_boolean()) out = value.get<bool>();
  else errors.push_back({field, std::string("expected true or false, got ") + value.type_name()});
}

// {x, y}: the coordinates given, each finite; the others keep their value.
void read_point(const json& value, const char* field, double& x, double& y, FieldErrors& errors) {
  if (!value.is_object()) {
    errors.push_back({field, std::string("expected {x, y} with finite numbers, got ") + value.type_name()});
    return;
  }
  FieldErrors inner;
  double nx = x, ny = y;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string name = std::string(field) + "." + it.key();
    if (it.key() == "x") read_number(it.value(), name, -kInf, false, kInf, false, nx, inner);
    else if (it.key() == "y") read_number(it.value(), name, -kInf, false, kInf, false, ny, inner);
    else inner.push_back({name, "unknown field; expected x or y (two finite numbers)"});
  }
  errors.insert(errors.end(), inner.begin(), inner.end());
  if (inner.empty()) x = nx, y = ny;
}

void read_names(const json& value, const char* field, const std::vector<std::string>& known,
                std::vector<std::string>& out, FieldErrors& errors) {
  std::string expected;
  for (const std::string& name : known) expected += (expected.empty() ? "" : ", ") + name;
  if (!value.is_array() || value.size() > known.size()) {  // each name at most once
    errors.push_back({field, "expected a list of at most " + std::to_string(known.size()) + " names from: " + expected});
    return;
  }
  std::vector<std::string> names;
  for (const json& item : value) {
    if (!item.is_string() || std::find(known.begin(), known.end(), item.get<std::string>()) == known.end()) {
      errors.push_back({field, "unknown name " + printable(dump_safely(item), 40) + "; expected names from: " + expected});
      return;
    }
    names.push_back(item.get<std::string>());
  }
  out = names;
}

// Which parameter it names is a rule between fields (check_combination): it depends on the network.
void read_selected(const json& value, PageState& s, FieldErrors& errors) {
  read_string(value, "selected", s.view.selected, errors);
}

void read_expression(const json& value, PageState& s, FieldErrors& errors) {
  std::string text;
  if (!read_string(value, "expression", text, errors)) return;
  if (text.size() > expr::kMaxExpressionLength) {
    errors.push_back({"expression", "expected at most " + std::to_string(expr::kMaxExpressionLength) +
                                        " characters, got " + std::to_string(text.size())});
    return;
  }
  const expr::ParseResult parsed = expr::parse(text);
  if (!parsed.ok) {
    errors.push_back({"expression", "expected f(x, y) that parses: " + expr::describe(parsed.error)});
    return;
  }
  s.expression.expression = text;
}

void read_descent_optimizer(const json& value, PageState& s, FieldErrors& errors) {
  std::string name;
  if (!read_one_of(value, "descent.optimizer", {"gd", "momentum", "adam"}, name, errors)) return;
  for (expr::Optimizer o : {expr::Optimizer::gd, expr::Optimizer::momentum, expr::Optimizer::adam})
    if (name == expr::optimizer_name(o)) s.expression.descent.optimizer = o;
}

void read_origin(const json& value, PageState& s, FieldErrors& errors) {
  std::string text;
  if (!read_string(value, "origin", text, errors)) return;
  Result<std::string> origin = normalise_origin(text);
  if (origin.ok()) s.embed.origin = *origin.value;
  else errors.insert(errors.end(), origin.errors.begin(), origin.errors.end());
}

void read_weights(const json& value, PageState& s, FieldErrors& errors) {
  const Result<Network<double>> net = model_from_json(value);
  if (!net.ok()) {
    errors.push_back({"weights", to_string(net.errors.front())});
    return;
  }
  if (const std::optional<FieldError> overflow = float_overflow(*net.value)) {
    errors.push_back({"weights", to_string(*overflow)});
    return;
  }
  s.weights = value;
}

json point_json(double x, double y) { return json{{"x", x}, {"y", y}}; }

// [{x1, x2, label}]: each coordinate finite and within ±kMaxPointCoordinate. Whether a
// label fits the dataset is a rule between fields (check_combination).
void read_points(const json& value, PageState& s, FieldErrors& errors) {
  const std::string expected = "expected a list of {x1, x2, label} with finite numbers";
  if (!value.is_array()) {
    errors.push_back({"points", expected + ", got " + value.type_name()});
    return;
  }
  if (value.size() > kMaxAddedPoints) {
    errors.push_back({"points", count_text(static_cast<long long>(value.size())) + " points, more than the " +
                                    count_text(static_cast<long long>(kMaxAddedPoints)) + " a page keeps (engine/core/input_limits.h)"});
    return;
  }
  FieldErrors inner;
  std::vector<Point> points;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string prefix = "points[" + std::to_string(i) + "]";
    const json& item = value[i];
    if (!item.is_object() || item.size() != 3 || !item.contains("x1") || !item.contains("x2") || !item.contains("label")) {
      inner.push_back({prefix, expected + ", got " + printable(dump_safely(item), 60)});
      continue;
    }
    Point p;
    read_number(item["x1"], prefix + ".x1", -kMaxPointCoordinate, false, kMaxPointCoordinate, false, p.x1, inner);
    read_number(item["x2"], prefix + ".x2", -kMaxPointCoordinate, false, kMaxPointCoordinate, false, p.x2, inner);
    read_number(item["label"], prefix + ".label", -kInf, false, kInf, false, p.label, inner);
    points.push_back(p);
  }
  errors.insert(errors.end(), inner.begin(), inner.end());
  if (inner.empty()) s.points = std::move(points);
}

json points_json(const std::vector<Point>& points) {
  // Whole numbers as integers: labels read 1, not 1.0, in getState and in links.
  auto number = [](double v) { return std::abs(v) < 1e15 && v == std::floor(v) ? json(static_cast<long long>(v)) : json(v); };
  json out = json::array();
  for (const Point& p : points) out.push_back({{"x1", number(p.x1)}, {"x2", number(p.x2)}, {"label", number(p.label)}});
  return out;
}

// A row for a boolean member of the view or the embed options.
#define BPL_BOOL(name, url, scope, member)                                                                  \
  StateField{name, url, FieldSyntax::boolean, scope,                                                        \
             [](const json& v, PageState& s, FieldErrors& e) { read_bool(v, name, s.member, e); },           \
             [](const PageState& s) { return json(s.member); }}

std::vector<StateField> make_fields() {
  std::vector<StateField> fields;
  auto add = [&](StateField field) { fields.push_back(std::move(field)); };
  add({"demo", "demo", FieldSyntax::name, StateScope::view,
       [](const json& v, PageState& s, FieldErrors& e) { read_one_of(v, "demo", {"network", "expression"}, s.view.demo, e); },
       [](const PageState& s) { return json(s.view.demo); }});
  for (const ConfigField& config : config_fields()) {
    add({config.name, config.url, config.syntax, StateScope::config,
         [read = config.read](const json& v, PageState& s, FieldErrors& e) { read(v, s.config, e); },
         [write = config.write](const PageState& s) { return write(s.config); }});
  }
  add({"points", "points", FieldSyntax::point_list, StateScope::data, read_points,
       [](const PageState& s) { return points_json(s.points); }});
  add({"selected", "selected", FieldSyntax::text, StateScope::view, read_selected,
       [](const PageState& s) { return json(s.view.selected); }});
  add({"derivationSample", "sample", FieldSyntax::number, StateScope::view,
       [](const json& v, PageState& s, FieldErrors& e) {
         long long index = 0;
         // Its upper bound is the data's training points: a rule between fields (check_combination).
         if (read_int(v, "derivationSample", 0, std::numeric_limits<int>::max(), index, e)) s.view.derivation_sample = int(index);
       },
       [](const PageState& s) { return json(s.view.derivation_sample); }});
  add(BPL_BOOL("gradientLens", "lens", StateScope::view, view.gradient_lens));
  add(BPL_BOOL("logScale", "log", StateScope::view, view.log_scale));
  add(BPL_BOOL("discretize", "discretize", StateScope::view, view.discretize));
  add(BPL_BOOL("showTestPoints", "test", StateScope::view, view.show_test_points));
  add({"expression", "expr", FieldSyntax::text, StateScope::expression, read_expression,
       [](const PageState& s) { return json(s.expression.expression); }});
  add({"point", "point", FieldSyntax::point, StateScope::expression,
       [](const json& v, PageState& s, FieldErrors& e) { read_point(v, "point", s.expression.x, s.expression.y, e); },
       [](const PageState& s) { return point_json(s.expression.x, s.expression.y); }});
  add({"descent.optimizer", "d.opt", FieldSyntax::name, StateScope::expression, read_descent_optimizer,
       [](const PageState& s) { return json(expr::optimizer_name(s.expression.descent.optimizer)); }});
  add({"descent.learningRate", "d.lr", FieldSyntax::number, StateScope::expression,
       [](const json& v, PageState& s, FieldErrors& e) {
         read_number(v, "descent.learningRate", 0, true, kInf, false, s.expression.descent.learning_rate, e);
       },
       [](const PageState& s) { return json(s.expression.descent.learning_rate); }});
  add({"descent.steps", "d.steps", FieldSyntax::number, StateScope::expression,
       [](const json& v, PageState& s, FieldErrors& e) {
         long long steps = 0;
         if (read_int(v, "descent.steps", 0, expr::kMaxDescentSteps, steps, e)) s.expression.descent.steps = int(steps);
       },
       [](const PageState& s) { return json(s.expression.descent.steps); }});
  add({"descent.momentum", "d.momentum", FieldSyntax::number, StateScope::expression,
       [](const json& v, PageState& s, FieldErrors& e) {
         read_number(v, "descent.momentum", 0, false, 1, true, s.expression.descent.momentum, e);
       },
       [](const PageState& s) { return json(s.expression.descent.momentum); }});
  add({"descent.start", "d.start", FieldSyntax::point, StateScope::expression,
       [](const json& v, PageState& s, FieldErrors& e) {
         read_point(v, "descent.start", s.expression.descent.x0, s.expression.descent.y0, e);
       },
       [](const PageState& s) { return point_json(s.expression.descent.x0, s.expression.descent.y0); }});
  add(BPL_BOOL("embed", "embed", StateScope::embed, embed.embed));
  add({"panels", "panels", FieldSyntax::name_list, StateScope::embed,
       [](const json& v, PageState& s, FieldErrors& e) { read_names(v, "panels", embed_panel_names(), s.embed.panels, e); },
       [](const PageState& s) { return json(s.embed.panels); }});
  add({"hide", "hide", FieldSyntax::name_list, StateScope::embed,
       [](const json& v, PageState& s, FieldErrors& e) { read_names(v, "hide", embed_control_names(), s.embed.hide, e); },
       [](const PageState& s) { return json(s.embed.hide); }});
  add({"theme", "theme", FieldSyntax::name, StateScope::embed,
       [](const json& v, PageState& s, FieldErrors& e) { read_one_of(v, "theme", {"light", "dark", "auto"}, s.embed.theme, e); },
       [](const PageState& s) { return json(s.embed.theme); }});
  add(BPL_BOOL("autoplay", "autoplay", StateScope::embed, embed.autoplay));
  add({"origin", "origin", FieldSyntax::text, StateScope::embed, read_origin,
       [](const PageState& s) { return json(s.embed.origin); }});
  add({"weights", "w", FieldSyntax::weights, StateScope::link, read_weights, [](const PageState& s) { return s.weights; }});
  return fields;
}

#undef BPL_BOOL

}  // namespace

TrainConfig page_start_config() {
  TrainConfig config;
  config.dataset = DatasetKind::xor_cloud;
  config.train_fraction = 0.5;
  config.batch_size = 10;
  return config;
}

const std::vector<StateField>& state_fields() {
  static const std::vector<StateField> fields = make_fields();
  return fields;
}

const StateField* find_state_field(const std::string& key, bool or_url_key) {
  for (const StateField& field : state_fields())
    if (key == field.name || (or_url_key && key == field.url)) return &field;
  return nullptr;
}

const std::vector<std::string>& embed_panel_names() {
  static const std::vector<std::string> names = {"network", "derivation", "training", "curves", "output", "expression"};
  return names;
}

const std::vector<std::string>& embed_control_names() {
  static const std::vector<std::string> names = {
      "play", "reset", "step", "speed", "dataset", "noise", "trainFraction", "regenerate", "hidden", "activation",
      "outputActivation", "loss", "features", "optimizer", "learningRate", "batchSize", "regularization", "init",
      "seed", "gradientLens"};
  return names;
}

}  // namespace bpl
