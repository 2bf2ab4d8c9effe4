#pragma once
// State of the network demo (the seed's XOR net by default) and what the
// panels share: the trainer, play state, selection, curves and cached grids.
#include <optional>
#include <string>
#include <vector>

#include "engine/training/trainer.h"
#include "engine/derivation/weight_derivation.h"
#include "heatmap.h"

namespace bpl::web {

struct CurvePoint {
  int epoch;
  double train_loss, test_loss, train_accuracy, test_accuracy;
};

struct NetworkDemo {
  Trainer trainer;
  bool playing = false;
  int epochs_per_frame = 1;        // "speed"
  double frame_budget_ms = 10.0;   // training work per frame stays within this
  std::string selected;            // parameter id ("w1", "W2[0][1]", "b1[0]"), "" for none
  int derivation_sample = 0;       // index into dataset().train
  bool gradient_lens = false;      // edges show ∂L/∂w instead of w
  bool log_scale = false;          // curves
  bool discretize = false;         // output heatmap
  bool show_test_points = true;
  std::vector<CurvePoint> curve;
  std::string notice;              // shown above the view (divergence, warnings)
  long weights_version = 0;        // bumped whenever weights or data change
  double steps_per_second = 0.0;   // training samples per second while playing, recent
  double rate_samples = 0.0;       // samples since rate_window_start_ms
  double rate_window_start_ms = 0.0;
  // GPU grids, refreshed when weights_version moves on.
  long grids_version = -1;
  HeatmapTexture output_texture;
  std::vector<std::vector<HeatmapTexture>> unit_textures;
  // Traces at the current weights, recomputed when weights_version moves on.
  long traces_version = -1;
  StepTrace<double> batch_trace;
  std::optional<StepTrace<double>> sample_trace;  // for derivation_sample
  // The derivation panel's result for (selected, derivation_sample, weights_version).
  std::optional<WeightDerivation> derivation;
  FieldErrors derivation_errors;
  std::string derivation_key;
  // Where the view drew each parameter last frame (device pixels): for tests and the embedding page.
  struct ViewTarget {
    std::string id;
    float x, y;
  };
  std::vector<ViewTarget> view_targets;
  // Inline weight editor.
  std::string editing;
  int editor_frames = 0;  // frames the "type a new value" popup has been drawn (0: closed)
  double edit_value = 0.0;
};

enum class StepUnit { sample, batch, epoch };

// Configuration changes go through here: rebuilds, clears curves, pauses.
FieldErrors configure_network(NetworkDemo& demo, const TrainConfig& config);
// Resets weights with the same seed, clears curves.
void reset_network(NetworkDemo& demo);
// Steps `count` units now (even while playing); stops early on divergence.
void step_network(NetworkDemo& demo, StepUnit unit, int count);
// Per-frame work: while playing, trains up to epochs_per_frame epochs within frame_budget_ms.
void advance_network(NetworkDemo& demo, double now_ms);
// Re-uploads the output and per-unit grids if the weights changed.
void refresh_grids(NetworkDemo& demo);
// The current batch's and the derivation sample's forward/backward at the current weights.
const StepTrace<double>& batch_trace(NetworkDemo& demo);
const StepTrace<double>* sample_trace(NetworkDemo& demo);
// Sets one parameter (the inline editor and the JS API); errors name the field.
FieldErrors set_parameter(NetworkDemo& demo, const std::string& id, double value);

}  // namespace bpl::web
