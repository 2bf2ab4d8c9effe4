// Training controls: data, network, optimizer, and play/step/reset. Every
// widget edits a copy of the config; apply_config() validates it and keeps
// the current network on any error.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app.h"
#include "engine/core/count_text.h"
#include "engine/expr/format.h"
#include "network_layout.h"
#include "panels.h"

namespace bpl::web {

namespace {

template <typename Enum, std::size_t N>
bool enum_combo(const char* label, Enum& value, const Enum (&options)[N], const char* (*name)(Enum)) {
  bool changed = false;
  if (ImGui::BeginCombo(label, name(value))) {
    for (Enum option : options) {
      if (ImGui::Selectable(name(option), option == value)) {
        changed = option != value;
        value = option;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

const DatasetKind kDatasets[] = {DatasetKind::xor4,      DatasetKind::xor_cloud, DatasetKind::circle,
                                 DatasetKind::gauss,     DatasetKind::spiral,    DatasetKind::plane,
                                 DatasetKind::multigauss};
const Activation kActivations[] = {Activation::linear, Activation::sigmoid,    Activation::tanh,
                                   Activation::relu,   Activation::leaky_relu, Activation::gelu};
const Activation kOutputActivations[] = {Activation::linear, Activation::sigmoid,    Activation::tanh,
                                         Activation::relu,   Activation::leaky_relu, Activation::gelu,
                                         Activation::softmax};
const Loss kLosses[] = {Loss::half_mse, Loss::mse, Loss::bce, Loss::softmax_ce};
const OptimizerKind kOptimizers[] = {OptimizerKind::sgd, OptimizerKind::momentum, OptimizerKind::adam};
const Regularization kRegularizations[] = {Regularization::none, Regularization::l1, Regularization::l2};
const Init kInits[] = {Init::xavier, Init::he, Init::uniform, Init::zeros};
const Feature kFeatures[] = {Feature::x1,          Feature::x2,     Feature::x1_squared, Feature::x2_squared,
                             Feature::x1_times_x2, Feature::sin_x1, Feature::sin_x2};
const double kLearningRates[] = {0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1, 3, 10};
const double kRegularizationRates[] = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};

// One field per number, shown as people write it ("%.6g" is engine/expr/format.h's
// format_number for these: 0.5, not 0.500000), typed over and set with Enter, with
// common values in a drop-down beside it.
template <std::size_t N>
bool number_field(const char* label, double& value, const double (&presets)[N]) {
  bool changed = false;
  ImGui::PushID(label);
  const float arrow = ImGui::GetFrameHeight();
  ImGui::SetNextItemWidth(std::max(ImGui::CalcItemWidth() - arrow - ImGui::GetStyle().ItemInnerSpacing.x, arrow));
  double typed = value;
  if (ImGui::InputDouble("##value", &typed, 0.0, 0.0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
    value = typed;
    changed = true;
  }
  ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
  if (ImGui::BeginCombo("##presets", nullptr, ImGuiComboFlags_NoPreview | ImGuiComboFlags_PopupAlignLeft)) {
    for (double preset : presets)
      if (ImGui::Selectable(expr::format_number(preset).c_str(), preset == value)) {
        changed = preset != value;
        value = preset;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::TextUnformatted(label);
  ImGui::PopID();
  return changed;
}

// SameLine when an item `width` wide still fits on this line, else a new line.
void same_line_if_fits(float width) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

// The pairing a learner most likely wants when they pick a loss (a dataset: preselect_for_dataset).
void preselect_for_loss(TrainConfig& config) {
  if (config.loss == Loss::bce) config.output_activation = Activation::sigmoid;
  if (config.loss == Loss::softmax_ce) config.output_activation = Activation::softmax;
  if ((config.loss == Loss::half_mse || config.loss == Loss::mse) && config.output_activation == Activation::softmax)
    config.output_activation = Activation::linear;
}

// Odd but legal choices: say why they may disappoint.
std::string pairing_warning(const TrainConfig& config) {
  if (config.activation == Activation::linear && !config.hidden.empty())
    return "Linear hidden units make the whole network linear: it cannot bend around XOR.";
  if (is_classification(config.dataset) && (config.loss == Loss::half_mse || config.loss == Loss::mse))
    return "Squared error on classes works, but bce with a sigmoid output learns faster.";
  if (config.output_activation == Activation::relu || config.output_activation == Activation::leaky_relu)
    return "A ReLU output can die (stay at 0) and stop learning.";
  if (config.init == Init::zeros && !config.hidden.empty())
    return "Zero init: every hidden unit gets the same gradient and they never differ.";
  return "";
}

void apply_config(App& app, const TrainConfig& config) {
  NetworkDemo& demo = app.network;
  bool rebuilt = false;
  FieldErrors errors = demo.trainer.update(config, &rebuilt);
  if (!errors.empty()) {
    demo.notice = "Not applied: " + to_string(errors.front());
    return;
  }
  demo.notice.clear();
  if (rebuilt) reset_network(demo);
  ++demo.weights_version;
}

void draw_data_section(App& app, TrainConfig& config, bool& changed) {
  section_title("Data");
  if (control_visible(app, "dataset") && enum_combo("dataset", config.dataset, kDatasets, dataset_name)) {
    preselect_for_dataset(config);
    changed = true;
  }
  float noise = float(config.noise * 100.0);
  if (control_visible(app, "noise") && ImGui::SliderFloat("noise", &noise, 0.0f, 50.0f, "%.0f")) {
    config.noise = noise / 100.0;
    changed = true;
  }
  float train = float(config.train_fraction * 100.0);
  if (control_visible(app, "trainFraction") && ImGui::SliderFloat("train %", &train, 10.0f, 100.0f, "%.0f%%")) {
    config.train_fraction = train / 100.0;
    changed = true;
  }
  if (control_visible(app, "regenerate") && ImGui::Button("Regenerate")) {
    config.seed += 1;
    changed = true;
  }
  if (control_visible(app, "regenerate")) ImGui::SameLine();
  ImGui::Checkbox("show test points", &app.network.show_test_points);
}

void draw_network_section(App& app, TrainConfig& config, bool& changed) {
  section_title("Network");
  int layers = int(config.hidden.size());
  if (control_visible(app, "hidden")) {
    ImGui::Text("hidden layers: %d", layers);
    ImGui::SameLine();
    if (ImGui::SmallButton("-##layers") && layers > 0) {
      config.hidden.pop_back();
      changed = true;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("+##layers") && layers < 15) {
      config.hidden.push_back(config.hidden.empty() ? 4 : config.hidden.back());
      changed = true;
    }
    for (std::size_t l = 0; l < config.hidden.size(); ++l) {
      ImGui::PushID(int(l));
      int units = config.hidden[l];
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      if (ImGui::InputInt("", &units, 1, 8)) {
        config.hidden[l] = std::clamp(units, 1, 1024);
        changed = true;
      }
      ImGui::SameLine();
      ImGui::Text("units in hidden layer %zu", l + 1);
      ImGui::PopID();
    }
  }
  if (control_visible(app, "activation") && enum_combo("activation", config.activation, kActivations, activation_name))
    changed = true;
  if (control_visible(app, "outputActivation") &&
      enum_combo("output", config.output_activation, kOutputActivations, activation_name))
    changed = true;
  if (control_visible(app, "loss") && enum_combo("loss", config.loss, kLosses, loss_name)) {
    preselect_for_loss(config);
    changed = true;
  }
  if (control_visible(app, "features")) {
    ImGui::TextUnformatted("features:");
    for (std::size_t i = 0; i < std::size(kFeatures); ++i) {
      auto found = std::find(config.features.begin(), config.features.end(), kFeatures[i]);
      bool on = found != config.features.end();
      if (i % 4) ImGui::SameLine();
      if (ImGui::Checkbox(feature_label(kFeatures[i]), &on)) {
        if (on)
          config.features.push_back(kFeatures[i]);
        else
          config.features.erase(found);
        changed = true;
      }
    }
  }
}

void draw_training_section(App& app, TrainConfig& config, bool& changed) {
  section_title("Training");
  if (control_visible(app, "optimizer") && enum_combo("optimizer", config.optimizer, kOptimizers, optimizer_name))
    changed = true;
  if (control_visible(app, "learningRate") && number_field("learning rate", config.learning_rate, kLearningRates))
    changed = true;
  const int train_size = std::max(1, int(app.network.trainer.dataset().train.size()));
  int batch = std::min(config.batch_size, train_size);
  if (control_visible(app, "batchSize") && ImGui::SliderInt("batch size", &batch, 1, train_size)) {
    config.batch_size = batch;
    changed = true;
  }
  if (control_visible(app, "regularization") &&
      enum_combo("regularization", config.regularization, kRegularizations, regularization_name))
    changed = true;
  if (config.regularization != Regularization::none) {
    if (number_field("reg. rate", config.regularization_rate, kRegularizationRates)) changed = true;
  }
  if (control_visible(app, "init") && enum_combo("init", config.init, kInits, init_name)) changed = true;
  int seed = int(config.seed);
  if (control_visible(app, "seed") && ImGui::InputInt("seed", &seed)) {
    config.seed = std::uint64_t(std::max(seed, 0));
    changed = true;
  }
}

// "stepping 1,000,000 epochs: 12%  [Stop]" while a step runs across frames.
void draw_step_progress(NetworkDemo& demo) {
  const StepJob& job = *demo.step_job;
  const float fraction = float(job.fraction(demo.trainer));
  const std::string label = "stepping " + count_text(job.count()) + " " + step_unit_name(job.unit()) +
                            (job.count() == 1 ? "" : "s") + ": " + std::to_string(int(fraction * 100.0f)) + "%";
  ImGui::ProgressBar(fraction, ImVec2(-ImGui::GetFontSize() * 4.0f, 0.0f), label.c_str());
  ImGui::SameLine();
  if (ImGui::Button("Stop")) stop_step(demo);
}

// The large Play / Pause: its icon drawn (the math font has ▶ but no ⏸) beside the word.
bool play_button(App& app) {
  const float scale = app.pixel_ratio;
  const bool busy = training_busy(app.network);
  const char* word = busy ? "Pause" : "Play";
  const Palette& colours = palette();
  ImGui::PushFont(heading_font());
  const ImVec2 text = ImGui::CalcTextSize(word);
  const float pad = 12.0f * scale, icon = text.y * 0.7f, gap = 8.0f * scale;
  const ImVec2 size(2.0f * pad + icon + gap + ImGui::CalcTextSize("Pause").x, text.y + 12.0f * scale);
  const ImVec4 accent = ImGui::ColorConvertU32ToFloat4(colours.accent);
  auto lighter = [&](float t) { return ImVec4(accent.x + (1 - accent.x) * t, accent.y + (1 - accent.y) * t, accent.z + (1 - accent.z) * t, 1.0f); };
  ImGui::PushStyleColor(ImGuiCol_Button, accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, lighter(0.15f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, lighter(0.3f));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::Button("##play", size);
  ImGui::PopStyleColor(3);
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float top = p.y + (size.y - icon) * 0.5f, left = p.x + pad;
  if (busy) {  // ⏸: two bars
    const float bar = icon * 0.34f;
    list->AddRectFilled(ImVec2(left, top), ImVec2(left + bar, top + icon), colours.accent_text);
    list->AddRectFilled(ImVec2(left + icon - bar, top), ImVec2(left + icon, top + icon), colours.accent_text);
  } else {  // ▶
    list->AddTriangleFilled(ImVec2(left, top), ImVec2(left, top + icon), ImVec2(left + icon, top + icon * 0.5f),
                            colours.accent_text);
  }
  list->AddText(ImVec2(left + icon + gap, p.y + (size.y - text.y) * 0.5f), colours.accent_text, word);
  ImGui::PopFont();
  app.network.control_targets.push_back({"play", p.x + size.x * 0.5f, p.y + size.y * 0.5f});
  anchor_callout(app, Callout::play, ImVec2(p.x, p.y + size.y + 6.0f * scale));
  return pressed;
}

void draw_step_buttons(NetworkDemo& demo) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::CalcTextSize("step: +1 sample +1 batch +1 epoch").x + 6.0f * style.FramePadding.x +
                      3.0f * style.ItemSpacing.x;
  same_line_if_fits(width);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("step:");
  ImGui::SameLine();
  if (ImGui::Button("+1 sample")) start_step(demo, StepUnit::sample, 1, kSyncStepMs);
  ImGui::SameLine();
  if (ImGui::Button("+1 batch")) start_step(demo, StepUnit::batch, 1, kSyncStepMs);
  ImGui::SameLine();
  if (ImGui::Button("+1 epoch")) start_step(demo, StepUnit::epoch, 1, kSyncStepMs);
}

}  // namespace

// Play / Pause large and first, Reset and Step beside it; the epoch and the speed under them.
void draw_play_controls(App& app) {
  NetworkDemo& demo = app.network;
  bool first = true;
  auto next = [&](float width) {
    if (!first) same_line_if_fits(width);
    first = false;
  };
  if (control_visible(app, "play")) {
    next(0.0f);
    if (play_button(app)) {
      toggle_play(demo);
      dismiss_callout(app, Callout::play);
    }
  }
  if (control_visible(app, "reset")) {
    next(ImGui::CalcTextSize("Reset").x + 2.0f * ImGui::GetStyle().FramePadding.x);
    if (ImGui::Button("Reset")) reset_network(demo);
  }
  if (stepping(demo)) {
    draw_step_progress(demo);
  } else if (control_visible(app, "step")) {
    if (first) ImGui::NewLine();  // same_line_if_fits starts from an item
    first = false;
    draw_step_buttons(demo);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("epoch %d", demo.trainer.epoch());  // a metric: never hidden
  if (control_visible(app, "speed")) {
    same_line_if_fits(ImGui::GetFontSize() * 10 + ImGui::CalcTextSize("epochs / frame").x + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    // 0: auto (play_epochs_per_frame), shown with the epochs it picks.
    char automatic[32];
    std::snprintf(automatic, sizeof automatic, "auto (%d)", play_epochs_per_frame(demo));
    ImGui::SliderInt("epochs / frame", &demo.epochs_per_frame, 0, kMaxEpochsPerFrame,
                     demo.epochs_per_frame == 0 ? automatic : "%d", ImGuiSliderFlags_Logarithmic);
  }
}

void draw_training_panel(App& app) {
  TrainConfig config = app.network.trainer.config();
  bool changed = false;
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6.5f);
  draw_data_section(app, config, changed);
  draw_network_section(app, config, changed);
  draw_training_section(app, config, changed);
  ImGui::PopItemWidth();
  if (changed) apply_config(app, config);
  const std::string warning = pairing_warning(app.network.trainer.config());
  if (!warning.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.45f, 0.0f, 1.0f));
    ImGui::TextWrapped("⚠ %s", warning.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace bpl::web
