#include "exchange.h"

#include <algorithm>
#include <cstdio>

#include "api_params.h"
#include "engine/core/input_limits.h"
#include "engine/core/text.h"
#include "app.h"
#include "engine/core/count_text.h"
#include "engine/expr/markdown.h"
#include "engine/formats/mermaid_config.h"
#include "engine/formats/mermaid_network.h"
#include "engine/mlp/model_json.h"
#include "js_api.h"
#include "platform.h"

namespace bpl::web {

namespace {

using nlohmann::json;

void report(App& app, const FieldErrors& errors, const char* what) {
  app.network.notice = errors.empty() ? "" : std::string(what) + " not imported: " + to_string(errors.front()) +
                                                 ". The current network is kept.";
}

}  // namespace

std::string export_model_json(App& app) { return app.network.trainer.model_json(); }

std::string export_curves_csv(const App& app) {
  std::string csv = "epoch,train_loss,test_loss,train_accuracy,test_accuracy\n";
  char line[160];
  for (const CurvePoint& p : app.network.curve) {
    std::snprintf(line, sizeof line, "%d,%.9g,%.9g,%.6g,%.6g\n", p.epoch, p.train_loss, p.test_loss, p.train_accuracy,
                  p.test_accuracy);
    csv += line;
  }
  return csv;
}

std::string export_points_csv(const App& app) {
  const Trainer& trainer = app.network.trainer;
  return dataset_csv(trainer.dataset(), trainer.added_points().size());
}

std::optional<std::string> export_network_mermaid(App& app, bool with_weights, std::string* why) {
  const Network<float>& net = app.network.trainer.network();
  int units = net.inputs;
  for (int l = 1; l <= net.depth(); ++l) units += net.units(l);
  if (units > kMaxMermaidNodes) {
    *why = "the network has " + count_text(units) + " units and a mermaid diagram at most " +
           std::to_string(kMaxMermaidNodes) + " (what importMermaid reads back); use exportModel() for this network";
    return std::nullopt;
  }
  MermaidExportOptions options;
  options.weights = with_weights;
  return network_to_mermaid(net, options);
}

std::string export_graph_mermaid(App& app) { return expr::to_mermaid(app.expression.graph); }

std::string export_latex(App& app) {
  if (app.demo == Demo::expression) return app.expression.derivation.latex;
  const std::optional<ParameterRef> p = selected_parameter(app.network);
  const WeightDerivation* d = p ? derivation_of(app.network, *p) : nullptr;
  return d ? d->latex : "";
}

FieldErrors import_model_json(App& app, const std::string& text) {
  // Read once more here for what the trainer's reader lets through: numbers its floats cannot hold.
  const Result<Network<double>> read = read_model_json(text);
  std::optional<FieldError> overflow = read.ok() ? float_overflow(*read.value) : std::nullopt;
  FieldErrors errors = overflow ? FieldErrors{*overflow} : app.network.trainer.load_model_json(text);
  if (errors.empty()) {
    stop_step(app.network);  // a running step does not go on with other weights
    app.network.curve.clear();
    ++app.network.weights_version;
    app.network.trainer.check_divergence();  // finite weights may still overflow the loss
  }
  report(app, errors, "Model JSON");
  return errors;
}

FieldErrors import_mermaid(App& app, const std::string& text) {
  const Result<TrainConfig> config = config_from_mermaid(text, app.network.trainer.config());
  FieldErrors errors = config.errors;
  if (config.ok()) {
    errors = app.network.trainer.update(*config.value);
    if (errors.empty()) reset_network(app.network);
  }
  report(app, errors, "Mermaid");
  return errors;
}

FieldErrors import_text(App& app, const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return import_model_json(app, text);
  return import_mermaid(app, text);
}

void draw_export_items(App& app) {
  if (ImGui::MenuItem("Model JSON (bp grad's MODEL.json)")) download_text("model.json", "application/json", export_model_json(app));
  if (ImGui::MenuItem("Training curves (CSV)")) download_text("curves.csv", "text/csv", export_curves_csv(app));
  if (ImGui::MenuItem("Data points (CSV, clicked ones marked)")) download_text("points.csv", "text/csv", export_points_csv(app));
  for (const bool weights : {false, true}) {
    if (ImGui::MenuItem(weights ? "Network with weights as mermaid (copy)" : "Network as mermaid (copy)")) {
      std::string why;
      const std::optional<std::string> text = export_network_mermaid(app, weights, &why);
      if (text) copy_to_clipboard(*text);
      else app.network.notice = "Not exported: " + why + ".";
    }
  }
  if (ImGui::MenuItem("Computation graph as mermaid (copy)")) copy_to_clipboard(export_graph_mermaid(app));
  if (ImGui::MenuItem("Derivation as LaTeX (copy)")) copy_to_clipboard(export_latex(app));
  if (ImGui::MenuItem("Canvas as PNG")) download_canvas_png();
}

void draw_export_menu(App& app) {
  if (ImGui::Button("Export")) ImGui::OpenPopup("export-menu");
  if (ImGui::BeginPopup("export-menu")) {
    draw_export_items(app);
    ImGui::EndPopup();
  }
}

void open_import_dialog(App& app) {
  app.import_text.assign(4096, '\0');
  app.import_open_requested = true;
}

void draw_import_dialog(App& app) {
  if (app.import_open_requested) {
    app.import_open_requested = false;
    ImGui::OpenPopup("Import a network");
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(ImGui::GetFontSize() * 34, viewport->WorkSize.x * 0.94f), 0), ImGuiCond_Always);
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Import a network")) {
    ImGui::TextWrapped("Paste a model JSON (as `bp grad` reads it) or a mermaid `graph LR` block like the seed tutorial's.");
    ImGui::InputTextMultiline("##import", app.import_text.data(), app.import_text.size(),
                              ImVec2(-1, ImGui::GetFontSize() * 14));
    if (ImGui::Button("Import")) {
      FieldErrors errors = import_text(app, app.import_text.c_str());
      if (errors.empty()) ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Choose file…")) {
      pick_file(".json,.md,.mmd,.txt");
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    if (!app.network.notice.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", app.network.notice.c_str());
    ImGui::EndPopup();
  }
}

void register_exchange_api() {
  auto text_param = [](const json& params, std::string& error) {
    FieldErrors errors;
    std::optional<std::string> text = params.is_string() ? params.get<std::string>() : read_string(params, "text", errors);
    if (!text) error = "expected the text, e.g. importText({text: '...'})";
    else if (auto too_big = over_cap("text", "the text", text->size(), kMaxImportBytes, "an import")) {
      error = to_string(*too_big) + "; nothing was changed";  // the bridge refuses it first; this is for other callers
    }
    return error.empty() ? *text : std::string();
  };
  register_api_method("exportModel", [](App& app, const json&, std::string&) { return json(export_model_json(app)); });
  // exportCsv() or exportCsv({what: 'curves'}): the curves; exportCsv({what: 'points'}): the data points.
  register_api_method("exportCsv", [](App& app, const json& params, std::string& error) {
    FieldErrors errors;
    const std::string what = read_string(params, "what", errors).value_or("curves");
    if (errors.empty() && what != "curves" && what != "points") {
      errors.push_back({"what", "expected \"curves\" or \"points\", got \"" + printable(what) + "\""});
    }
    if (!params.is_null() && !params.is_object()) errors.push_back({"params", "expected {what}"});
    if (!errors.empty()) { error = to_string(errors.front()); return json(nullptr); }
    return json(what == "points" ? export_points_csv(app) : export_curves_csv(app));
  });
  register_api_method("exportMermaid", [](App& app, const json& params, std::string& error) {
    FieldErrors errors;
    const std::string what = read_string(params, "what", errors).value_or("network");
    const bool weights = read_bool(params, "weights", errors).value_or(false);
    if (errors.empty() && what != "network" && what != "graph") {
      errors.push_back({"what", "expected \"network\" or \"graph\", got \"" + printable(what) + "\""});
    }
    if (!params.is_null() && !params.is_object()) errors.push_back({"params", "expected {what, weights}"});
    if (!errors.empty()) { error = to_string(errors.front()); return json(nullptr); }
    if (what == "graph") return json(export_graph_mermaid(app));
    const std::optional<std::string> text = export_network_mermaid(app, weights, &error);
    return text ? json(*text) : json(nullptr);
  });
  register_api_method("exportLatex", [](App& app, const json&, std::string&) { return json(export_latex(app)); });
  auto importer = [text_param](FieldErrors (*import)(App&, const std::string&)) {
    return [text_param, import](App& app, const json& params, std::string& error) {
      const std::string text = text_param(params, error);
      if (!error.empty()) return json(nullptr);
      FieldErrors ignored;
      if (auto picker_error = read_string(params, "error", ignored)) {  // the file picker could not read it
        app.network.notice = "File not imported: " + *picker_error;
        return json{{"ok", false}, {"errors", errors_json({{"file", *picker_error}})}};
      }
      FieldErrors errors = import(app, text);
      return json{{"ok", errors.empty()}, {"errors", errors_json(errors)}};
    };
  };
  register_api_method("importText", importer(import_text));
  register_api_method("importModel", importer(import_model_json));
  register_api_method("importMermaid", importer(import_mermaid));
}

}  // namespace bpl::web
