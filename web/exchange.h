#pragma once
// Getting things in and out of the page: exports (model JSON as `bp grad`
// reads it, curves and data points as CSV, the network or computation graph as mermaid, the
// derivation as LaTeX, the canvas as PNG) and imports (model JSON, a mermaid
// `graph LR` block). A bad import names its line and column and keeps the
// current network.
#include <optional>
#include <string>

#include "engine/core/result.h"

namespace bpl::web {

struct App;

std::string export_model_json(App& app);
std::string export_curves_csv(const App& app);
std::string export_points_csv(const App& app);  // engine/training/dataset.h dataset_csv
// Refused (nullopt, with *why) for more units than importMermaid reads back (kMaxMermaidNodes):
// such a diagram is megabytes of edges that mermaid cannot draw readably.
std::optional<std::string> export_network_mermaid(App& app, bool with_weights, std::string* why);
std::string export_graph_mermaid(App& app);
std::string export_latex(App& app);  // the current demo's derivation

FieldErrors import_model_json(App& app, const std::string& text);
FieldErrors import_mermaid(App& app, const std::string& text);
// Model JSON if it looks like JSON, else mermaid.
FieldErrors import_text(App& app, const std::string& text);

// The Export/Import menu and its paste dialog (draws into the header).
// Export's items (a popup on the header's button, a submenu of its ☰ menu), and the
// Import dialog, opened from either and drawn at the page's level like Share's.
void draw_export_items(App& app);
void draw_export_menu(App& app);  // the Export button and its popup
void open_import_dialog(App& app);
void draw_import_dialog(App& app);
void register_exchange_api();

}  // namespace bpl::web
