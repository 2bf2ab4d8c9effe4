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

#include "engine/formats/state_schema.h"

namespace bpl::web {

struct App;

// The embed options are state fields (engine/formats/state_schema.h: embed,
// panels, hide, theme, autoplay, origin; the known panel and control names).
using EmbedOptions = EmbedState;

bool panel_visible(const App& app, const char* panel);
bool control_visible(const App& app, const char* control);

// The embedded page's content, top to bottom; returns its natural height in CSS pixels.
float draw_embedded(App& app);

}  // namespace bpl::web
