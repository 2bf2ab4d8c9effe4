#pragma once
// The page's whole state as one value, and the one table of its fields. Each row
// names a state key, its link key, how a link spells it, whether it is config,
// view, expression, embed or link-only, and its one reader: the reader checks the
// type and range and is the field's only validator. The rules between fields
// are checked in one place, check_combination(). The table drives the link codec
// (url_state.h), setState/getState (web/app_state.cpp) and, through its config
// rows (engine/training/config_fields.h), `bp train --config`.
//
// Keys outside TrainConfig (train_config.h has the config keys):
//   demo              "network" | "expression"
//   selected          a parameter id of the network ("w1", "W2[0][1]", "b1[0]"), "" = none
//   derivationSample  a training point index
//   gradientLens, logScale, discretize, showTestPoints   booleans
//   expression        f(x, y) text that parses, ≤ 1000 bytes
//   point             {x, y}, finite
//   descent.optimizer "gd" | "momentum" | "adam";  descent.learningRate > 0;
//   descent.steps     0..100000;  descent.momentum in [0, 1);  descent.start {x, y}
//   embed, autoplay   booleans;  panels, hide: lists of known names;  theme: light | dark | auto
//   origin            "", "none" or an http(s) origin (engine/formats/origin.h)
//   points            the training points added by clicking, after the generated ones:
//                     [{x1, x2, label}], at most kMaxAddedPoints (engine/core/input_limits.h);
//                     a label fits the dataset (0/1, or [-2, 2] for regression): a rule between fields
//   weights           links only: a MODEL.json object that fits the config's network
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/result.h"
#include "engine/expr/descent.h"
#include "engine/training/config_fields.h"
#include "engine/training/train_config.h"

namespace bpl {

struct ViewState {
  std::string demo = "network";
  std::string selected;       // parameter id, "" for none
  int derivation_sample = 0;  // index into the training points
  bool gradient_lens = false, log_scale = false, discretize = false, show_test_points = true;
};

struct ExpressionState {
  std::string expression = "(x^2 + x*y) * y^3";  // the seed tutorial's example
  double x = 1, y = 2;
  expr::DescentConfig descent;
};

struct EmbedState {
  bool embed = false;
  std::vector<std::string> panels;  // empty: all of the current demo's
  std::vector<std::string> hide;
  std::string theme = "light";      // light | dark | auto
  bool autoplay = false;
  std::string origin;               // postMessage: "" any parent, "none" no parent, else only this one
};

struct PageState {
  TrainConfig config;
  std::vector<Point> points;  // added to the generated training points (Trainer::added_points)
  ViewState view;
  ExpressionState expression;
  EmbedState embed;
  nlohmann::json weights;  // links only: MODEL.json, null = none
};

enum class StateScope { config, data, view, expression, embed, link };  // data: `points`

struct StateField {
  const char* name;  // the state key; "descent.steps" is state["descent"]["steps"]
  const char* url;   // the link key
  FieldSyntax syntax;
  StateScope scope;
  std::function<void(const nlohmann::json&, PageState&, FieldErrors&)> read;
  std::function<nlohmann::json(const PageState&)> write;
};

// Every field, config first, in the order links are written.
const std::vector<StateField>& state_fields();
// By state key, or by link key when `or_url_key`.
const StateField* find_state_field(const std::string& key, bool or_url_key = false);

const std::vector<std::string>& embed_panel_names();
const std::vector<std::string>& embed_control_names();

// What the rules between fields need: the number of training points `config`
// generates (the state's added `points` come on top).
struct StateContext {
  std::function<int(const TrainConfig&)> training_points = [](const TrainConfig& c) {
    return training_point_count(c.dataset_settings());
  };
};

// The rules between fields: validate_combination() of the config, then
// "selected" names a parameter of its network, "derivationSample" is one of its
// training points, each of "points" has a label of its dataset, and "weights" fit its network.
FieldErrors check_combination(const PageState& state, const StateContext& context = {});

// getState: every field but weights (and weights when set), "descent" nested.
nlohmann::json state_to_json(const PageState& state);
// The state keys of `partial` as flat names: {"descent": {"steps": 5}} → "descent.steps".
// A "descent" that is not an object is one error.
std::vector<std::pair<std::string, nlohmann::json>> flatten_state(const nlohmann::json& partial, FieldErrors& errors);

// setState: applies every key of `partial` over `state`, all or nothing, and
// returns every error (unknown keys, each field's reader, the rules between fields).
// Links' weights are not a setState key.
FieldErrors apply_state_json(const nlohmann::json& partial, PageState& state, const StateContext& context = {});

struct LenientResult {
  std::vector<std::string> kept;  // the fields that now hold the given (or paired) values
  FieldErrors warnings;           // one per field left at its default: why, and the default used
};
// Links: applies the given fields (flat names, in any order) over `state`. A field
// its reader rejects keeps its value in `state` with a warning; a conflict
// between fields is settled by fixed rules (a link's regression dataset takes
// the page's loss pairing; otherwise the fields the rule names yield, in order).
// origin fails closed: an unreadable one becomes "none".
LenientResult apply_state_leniently(const std::vector<std::pair<std::string, nlohmann::json>>& given,
                                    PageState& state, const StateContext& context = {});

// What the page opens on without a link: Playground's XOR cloud (500 points, half held
// out, so the test loss shows) in batches of 10, with the seed tutorial's 2-4-1 sigmoid
// network. Links are still read over PageState{} (the seed's four XOR points), the
// defaults every link so far was written against, so an old link opens as it did and a
// link of this start spells out its dataset (README "Links").
TrainConfig page_start_config();

// A state from getState-style JSON over the built-in defaults; fields that do
// not apply keep the built-in value (the page's defaults are always valid).
PageState state_from_json(const nlohmann::json& state);

}  // namespace bpl
