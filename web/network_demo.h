#pragma once
// State of the network demo (the seed's XOR net by default) and what the
// panels share: the trainer, play state, selection, curves and cached grids.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/training/grid_pass.h"
#include "engine/training/step_job.h"
#include "engine/training/trainer.h"
#include "engine/derivation/derivation_cache.h"
#include "heatmap.h"

namespace bpl::web {

struct CurvePoint {
  int epoch;
  double train_loss, test_loss, train_accuracy, test_accuracy;
};

// The curves panel's readout at the hovered epoch (metrics().curveHover); smoothed: the
// exponential moving average the panel draws bold.
struct CurveReadout {
  CurvePoint raw;
  double smoothed_train_loss, smoothed_test_loss;
  bool has_test, has_accuracy;
};

// Time budgets (README "Limits"): what one frame or one call may spend.
inline constexpr double kFrameTrainingMs = 10.0;  // training per frame, playing or stepping
inline constexpr double kSyncStepMs = 50.0;       // a step() that fits is done at once, else across frames
inline constexpr double kGridBusyMs = 4.0;        // heatmap cells per frame while training
inline constexpr double kGridIdleMs = 40.0;       // … while paused
inline constexpr double kLiveRefreshMs = 8.0;     // derivation and traces costlier than this wait for a pause
inline constexpr int kGridSize = 64;              // output heatmap and unit thumbnails, cells a side
inline constexpr int kThumbnailsPerLayer = 16;    // units drawn per layer
// Auto speed: about this many training samples a frame (2 epochs of the start's 250 points,
// 125 of xor4's 4), so the default network learns within ~2 s at 60 fps; the frame budget
// (kFrameTrainingMs, through the measured step cost) caps what a large network does.
inline constexpr int kAutoSamplesPerFrame = 500;
inline constexpr int kMaxEpochsPerFrame = 200;     // the speed slider's top

struct NetworkDemo {
  Trainer trainer;
  bool playing = false;
  int epochs_per_frame = 0;        // "speed": 0 = auto (play_epochs_per_frame)
  StepCost step_cost;              // measured cost of one trainer step, for the budgets
  // A step running across frames (step() that did not fit kSyncStepMs, or a UI step);
  // step_ended is called once when it finishes or is stopped (the JS Promise).
  std::optional<StepJob> step_job;
  std::function<void(bool stopped)> step_ended;
  std::string selected;            // parameter id ("w1", "W2[0][1]", "b1[0]"), "" for none
  // selected_parameter's parse of `selected`, redone when it or the network's shape changes.
  struct SelectionParse {
    std::string id;
    std::vector<int> units;  // per layer, inputs first
    std::optional<ParameterRef> parameter;
  } selection;
  int derivation_sample = 0;       // index into dataset().train
  // The formula and the picture point at each other: a factor hovered in the derivation lights
  // its edge or unit (formula_hover_mark), and an edge or unit hovered in the view lights its
  // factors (view_hover_mark); keys as engine/derivation/chain_highlight.h's mark_key.
  std::string formula_hover_mark, view_hover_mark;
  bool expand_sums = false;        // the derivation shows every listed term, not t1 + t2 + ⋯ + tn
  std::vector<std::string> factor_marks;  // the shown derivation's factor keys: their colours, in order
  bool gradient_lens = false;      // edges show ∂L/∂w instead of w
  bool log_scale = false;          // curves
  bool discretize = false;         // output heatmap
  bool show_test_points = true;
  std::vector<CurvePoint> curve;
  std::optional<CurveReadout> curve_hover;  // set while the pointer is over the curves
  float curves_rect[4] = {0, 0, 0, 0};      // where the plots were drawn last frame: x, y, width, height (device px)
  std::string notice;              // shown above the view (divergence, warnings)
  long weights_version = 0;        // bumped whenever weights or data change
  double samples_per_second = 0.0; // training samples per second while playing, recent (JS: stepsPerSecond)
  double rate_samples = 0.0;       // samples since rate_window_start_ms
  double rate_window_start_ms = 0.0;
  // GPU grids: a GridPass over the window runs a budget of cells per frame;
  // its textures are uploaded when it is done (grids_version: the weights drawn).
  long grids_version = -1;
  long grid_pass_version = -1;
  bool grids_shown = false;  // the last frame drew a heatmap (refresh_grids ran): a pending pass needs frames
  GridPass grid_pass;
  StepCost grid_cell_cost;  // ms per cell
  HeatmapTexture output_texture;
  std::vector<std::vector<HeatmapTexture>> unit_textures;
  // The input circles' feature maps (x₁, x₁², sin x₁ … over the window): made again
  // only when the features or the window change.
  std::vector<HeatmapTexture> feature_textures;
  std::vector<Feature> feature_textures_of;
  InputWindow feature_textures_window{0.0, 0.0};
  // Traces at the current weights, recomputed when weights_version moves on
  // (while training, only if they cost less than kLiveRefreshMs).
  long traces_version = -1;
  double traces_ms = 0.0;
  StepTrace<double> batch_trace;
  std::optional<StepTrace<double>> sample_trace;  // for traced_sample
  int traced_sample = -1;                          // derivation_sample when the traces were made
  // The one derivation the panel, the JS API and the export read (derivation_of).
  DerivationCache derivations;
  double derivation_ms = 0.0;  // its cost, traces included
  // record_metrics while training: a pass over the data costlier than kLiveRefreshMs
  // is recorded at most every 4× its cost (at epoch ends), and at the end of a step.
  double metrics_ms = 0.0;
  double metrics_next_ms = 0.0;
  int derivation_epoch = 0;  // the epoch its numbers are from
  // Where the view drew each parameter last frame (device pixels): for tests and the embedding page.
  struct ViewTarget {
    std::string id;
    float x, y;
  };
  std::vector<ViewTarget> view_targets;
  // Where the controls tests click were drawn last frame: "play", "editValue", "callout:<name>".
  std::vector<ViewTarget> control_targets;
  // The value editor: a double-click on a parameter, or "Edit value" on the selected one.
  std::string editing;
  int editor_frames = 0;  // frames the "New value" popup has been drawn (0: closed)
  double edit_value = 0.0;
};

// Configuration changes go through here: rebuilds, clears curves, pauses.
FieldErrors configure_network(NetworkDemo& demo, const TrainConfig& config);
// Resets weights with the same seed, clears curves, stops a running step.
void reset_network(NetworkDemo& demo);
// The colour of the derivation's factor `key` (an edge or unit, chain_highlight.h's mark_key)
// in the formula and in the view; 0 when the shown derivation has no such factor.
ImU32 factor_colour(const NetworkDemo& demo, const std::string& key);
// Selects the parameter `id` ("" clears). Unless keep_sample, the derivation moves to the first
// training point where ∂ℓ/∂θ is at work (engine/derivation/informative_sample.h), not one
// where every live number is 0.
void select_parameter(NetworkDemo& demo, const std::string& id, bool keep_sample = false);
// Records the current metrics as the curve's point for this epoch (a pass over the data).
void record_metrics(NetworkDemo& demo);
// Pauses on divergence, with a notice.
void check_divergence(NetworkDemo& demo);

// network_stepping.cpp — training within the time budgets.
// Starts a step of `count` units (even while playing: the step runs first). It
// runs now for up to `now_budget_ms`; what is left runs across frames. Returns
// true if it finished now. Not while another step runs (stepping(demo)).
bool start_step(NetworkDemo& demo, StepUnit unit, long long count, double now_budget_ms);
bool stepping(const NetworkDemo& demo);
// The Play / Pause button and the space key: pause stops a running step too.
void toggle_play(NetworkDemo& demo);
// Stops a running step (pause, Stop, reset, new weights); step_ended(true) is called.
void stop_step(NetworkDemo& demo);
// Playing or stepping: the weights change from frame to frame.
bool training_busy(const NetworkDemo& demo);
// Epochs a playing frame asks for: epochs_per_frame, or when that is 0 (auto)
// kAutoSamplesPerFrame / training points, at least 1 and at most kMaxEpochsPerFrame.
int play_epochs_per_frame(const NetworkDemo& demo);
// Per-frame work: a running step, else play (up to play_epochs_per_frame epochs), within kFrameTrainingMs.
void advance_network(NetworkDemo& demo);
// Advances the heatmap pass within its budget; uploads the textures when it is done.
void refresh_grids(NetworkDemo& demo);

// The current batch's and the derivation sample's forward/backward at the current
// weights; `exact` false lets the view keep older ones while training (kLiveRefreshMs).
const StepTrace<double>& batch_trace(NetworkDemo& demo, bool exact = true);
const StepTrace<double>* sample_trace(NetworkDemo& demo, bool exact = true);
// The parameter `selected` names in the current network; nullopt for none or a stale id.
std::optional<ParameterRef> selected_parameter(NetworkDemo& demo);
// The derivation of p (a parameter of the current network) on derivation_sample, from
// demo.derivations: derived again only when the weights, p or the sample changed. `live` (the
// panel): while training, one that costs more than kLiveRefreshMs keeps its numbers, from
// derivation_epoch, until a pause. nullptr when derivation_sample is no training point.
const WeightDerivation* derivation_of(NetworkDemo& demo, ParameterRef p, bool live = false);
// Sets one parameter (the inline editor and the JS API); errors name the field.
FieldErrors set_parameter(NetworkDemo& demo, const std::string& id, double value);

}  // namespace bpl::web
