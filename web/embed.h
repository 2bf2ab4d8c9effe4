#pragma once
// Embed mode (URL `embed=1`): no global chrome, only the panels the author
// chose (`panels=`), stacked in a compact column, with individual controls
// hidden (`hide=`, like TF Playground's _hide flags — but a hidden control
// never takes its metric with it: the epoch counter and losses stay).
//   panels: network, derivation, training, curves, output, expression
//   controls: play, reset, step, speed, dataset, noise, trainFraction, regenerate,
//             hidden, activation, outputActivation, loss, features, optimizer,
//             learningRate, batchSize, regularization, init, seed, gradientLens
#include <string>
#include <vector>

namespace bpl::web {

struct App;

struct EmbedOptions {
  bool embed = false;
  std::vector<std::string> panels;  // empty: all of the current demo's
  std::vector<std::string> hide;
  std::string theme = "light";      // light | dark | auto
  bool autoplay = false;
  std::string origin;               // postMessage: "" any parent, "none" no parent, else only this one
                                    // (normalised, engine/formats/origin.h; web/bridge.js enforces it)
};

const std::vector<std::string>& embed_panel_names();
const std::vector<std::string>& embed_control_names();

bool panel_visible(const App& app, const char* panel);
bool control_visible(const App& app, const char* control);

// The embedded page's content, top to bottom; returns its natural height in CSS pixels.
float draw_embedded(App& app);

}  // namespace bpl::web
