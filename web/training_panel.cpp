// Training controls: data, network, optimizer, and play/step/reset. Every
// widget edits a copy of the config; apply_config() validates it and keeps
// the current network on any error.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app.h"
#include "engine/core/count_text.h"
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
const char* const kFeatureLabels[] = {"x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"};
const double kLearningRates[] = {0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1, 3, 10};

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
      if (ImGui::Checkbox(kFeatureLabels[i], &on)) {
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
  if (control_visible(app, "learningRate")) {
    if (ImGui::BeginCombo("learning rate", std::to_string(config.learning_rate).c_str())) {
      for (double rate : kLearningRates)
        if (ImGui::Selectable(std::to_string(rate).c_str(), rate == config.learning_rate)) {
          config.learning_rate = rate;
          changed = true;
        }
      ImGui::EndCombo();
    }
    double rate = config.learning_rate;
    if (ImGui::InputDouble("##custom-rate", &rate, 0.0, 0.0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
      config.learning_rate = rate;
      changed = true;
    }
  }
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
    double reg = config.regularization_rate;
    if (ImGui::InputDouble("reg. rate", &reg, 0.001, 0.01, "%.4g")) {
      config.regularization_rate = reg;
      changed = true;
    }
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

}  // namespace

void draw_play_controls(App& app) {
  NetworkDemo& demo = app.network;
  if (control_visible(app, "play")) {
    if (ImGui::Button(training_busy(demo) ? "Pause" : "Play")) toggle_play(demo);
    ImGui::SameLine();
  }
  if (control_visible(app, "reset")) {
    if (ImGui::Button("Reset")) reset_network(demo);
    ImGui::SameLine();
  }
  ImGui::TextDisabled("epoch %d", demo.trainer.epoch());  // a metric: never hidden
  if (stepping(demo)) {
    draw_step_progress(demo);
  } else if (control_visible(app, "step")) {
    if (ImGui::Button("+1 sample")) start_step(demo, StepUnit::sample, 1, kSyncStepMs);
    ImGui::SameLine();
    if (ImGui::Button("+1 batch")) start_step(demo, StepUnit::batch, 1, kSyncStepMs);
    ImGui::SameLine();
    if (ImGui::Button("+1 epoch")) start_step(demo, StepUnit::epoch, 1, kSyncStepMs);
  }
  if (control_visible(app, "speed")) {
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
  if (!app.embed.embed) draw_play_controls(app);  // embed mode draws them above every panel
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
