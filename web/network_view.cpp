// The network view: the MLP as a mermaid `graph LR` flowchart. Edge width is
// |w| (or |∂L/∂w| under the gradient lens) and colour its sign; clicking an
// edge or a bias tag selects that parameter and lights up every path from it
// to the loss; clicking while paused opens an editor for its value.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "engine/derivation/chain_highlight.h"
#include "engine/mlp/parameter_names.h"
#include "network_layout.h"
#include "panels.h"

namespace bpl::web {

namespace {

struct Hover {
  bool any = false;
  bool is_unit = false;
  ParameterRef parameter;  // when !is_unit
  int layer = 0, unit = 0;  // when is_unit
};

// The batch trace for ∂L/∂θ: while training it may be a few frames old (kLiveRefreshMs), so
// nullptr while it is of another shape than the network drawn (a model loaded while playing).
const StepTrace<double>* gradient_trace(NetworkDemo& demo, const Network<float>& net) {
  const StepTrace<double>& trace = batch_trace(demo, false);
  if (int(trace.layers.size()) != net.depth()) return nullptr;
  for (int l = 1; l <= net.depth(); ++l) {
    const Matrix<double>& g = trace.layers[l - 1].weight_gradient;
    if (g.rows() != net.units(l) || g.cols() != net.units(l - 1)) return nullptr;
  }
  return &trace;
}

float gradient_of(const StepTrace<double>* trace, ParameterRef p) { return trace ? float(trace->gradient(p)) : 0.0f; }

void draw_arrow(ImDrawList* list, ImVec2 from, ImVec2 to, ImU32 colour, float width, float scale) {
  const float dx = to.x - from.x, dy = to.y - from.y;
  const float length = std::max(std::sqrt(dx * dx + dy * dy), 1e-3f);
  const float ux = dx / length, uy = dy / length;
  const float head = 7.0f * scale + width;
  const ImVec2 base(to.x - ux * head, to.y - uy * head);
  list->AddLine(from, base, colour, width);
  list->AddTriangleFilled(to, ImVec2(base.x - uy * head * 0.45f, base.y + ux * head * 0.45f),
                          ImVec2(base.x + uy * head * 0.45f, base.y - ux * head * 0.45f), colour);
}

void draw_frame(ImDrawList* list, const NetworkLayout& layout, const Palette& colours, float scale) {
  list->AddRectFilled(layout.frame_min, layout.frame_max, colours.subgraph_fill, 2.0f * scale);
  list->AddRect(layout.frame_min, layout.frame_max, colours.subgraph_border, 2.0f * scale, 0, 1.0f * scale);
  const char* title = "Network";
  const ImVec2 text = ImGui::CalcTextSize(title);
  list->AddText(ImVec2((layout.frame_min.x + layout.frame_max.x - text.x) * 0.5f, layout.frame_min.y + 4.0f * scale),
                colours.node_text, title);
}

void draw_node(ImDrawList* list, const NodeBox& box, const Palette& colours, bool lit, bool dim, float scale) {
  const ImU32 border = lit ? colours.highlight : colours.node_border;
  const float border_width = (lit ? 2.5f : 1.0f) * scale;
  const ImU32 fill = dim ? (colours.node_fill & 0x00FFFFFF) | 0x99000000 : colours.node_fill;
  if (box.circle) {
    list->AddCircleFilled(box.center, box.half_size.x, fill, 48);
    list->AddCircle(box.center, box.half_size.x, border, 48, border_width);
  } else {
    const ImVec2 p0(box.center.x - box.half_size.x, box.center.y - box.half_size.y);
    const ImVec2 p1(box.center.x + box.half_size.x, box.center.y + box.half_size.y);
    list->AddRectFilled(p0, p1, fill, 5.0f * scale);
    list->AddRect(p0, p1, border, 5.0f * scale, 0, border_width);
  }
  // A label that would shrink below 3/4 of the font abbreviates ("Hidden 2.3" → "H2.3") instead.
  const float room = box.half_size.x * 2.0f - 4.0f * scale;
  const std::string& label = ImGui::CalcTextSize(box.label.c_str()).x * 0.75f <= room ? box.label : box.short_label;
  const ImVec2 text = ImGui::CalcTextSize(label.c_str());
  const float fit = std::min(1.0f, room / std::max(text.x, 1.0f));
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize() * fit;
  list->AddText(font, size, ImVec2(box.center.x - text.x * fit * 0.5f, box.center.y - size * 0.5f),
                colours.node_text, label.c_str());
}

bool inside(const NodeBox& box, ImVec2 p) {
  if (box.circle) {
    const float dx = p.x - box.center.x, dy = p.y - box.center.y;
    return dx * dx + dy * dy <= box.half_size.x * box.half_size.x;
  }
  return std::fabs(p.x - box.center.x) <= box.half_size.x && std::fabs(p.y - box.center.y) <= box.half_size.y;
}

void unit_tooltip(NetworkDemo& demo, const NodeBox& box) {
  const StepTrace<double>* trace = sample_trace(demo, false);
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(box.label.c_str());
  if (trace && box.layer == 0) {
    ImGui::Text("x = %.4g  (sample %d)", trace->inputs(0, box.unit), demo.derivation_sample + 1);
  } else if (trace) {
    const LayerTrace<double>& layer = trace->layers[box.layer - 1];
    ImGui::Text("z = %.4g\na = %.4g\nδ = ∂ℓ/∂z = %.4g", layer.z(0, box.unit), layer.a(0, box.unit),
                layer.delta(0, box.unit));
    ImGui::TextDisabled("for training sample %d", demo.derivation_sample + 1);
  }
  ImGui::EndTooltip();
}

void parameter_tooltip(NetworkDemo& demo, ParameterRef p) {
  const Network<float>& net = demo.trainer.network();
  ImGui::BeginTooltip();
  ImGui::Text("%s = %.5g", parameter_id(net, p).c_str(), double(parameter_value(net, p)));
  ImGui::Text("∂L/∂%s = %.5g", parameter_id(net, p).c_str(), double(gradient_of(gradient_trace(demo, net), p)));
  ImGui::TextDisabled(training_busy(demo) ? "click to select" : "click to select and edit");
  ImGui::EndTooltip();
}

void draw_editor_popup(NetworkDemo& demo) {
  if (!ImGui::BeginPopup("edit-parameter")) {
    demo.editor_frames = 0;
    return;
  }
  ++demo.editor_frames;
  ImGui::Text("New value for %s", demo.editing.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool entered = ImGui::InputDouble("##value", &demo.edit_value, 0.0, 0.0, "%.6g",
                                          ImGuiInputTextFlags_EnterReturnsTrue);
  if (entered || ImGui::Button("Set")) {
    FieldErrors errors = set_parameter(demo, demo.editing, demo.edit_value);
    demo.notice = errors.empty() ? "" : to_string(errors.front());
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// What every part of one frame's network drawing reads.
struct ViewFrame {
  NetworkDemo& demo;
  const Network<float>& net;
  const NetworkLayout& layout;
  const Palette& colours;
  float scale;
  ImDrawList* list;
  std::optional<ParameterRef> selected;
  ImVec2 mouse;
  bool canvas_hovered;
};

// Edges: width ∝ |w| (or |∂L/∂w| under the gradient lens) relative to the largest drawn one.
void draw_edges(const ViewFrame& f, Hover& hover) {
  const StepTrace<double>* gradients = f.demo.gradient_lens ? gradient_trace(f.demo, f.net) : nullptr;
  auto edge_value = [&](ParameterRef p) {
    return f.demo.gradient_lens ? gradient_of(gradients, p) : parameter_value(f.net, p);
  };
  const auto& columns = f.layout.columns;
  float largest = 1e-12f;
  for (std::size_t c = 1; c < columns.size(); ++c)
    for (const NodeBox& to : columns[c])
      for (const NodeBox& from : columns[c - 1])
        if (to.layer == from.layer + 1) largest = std::max(largest, std::fabs(edge_value({to.layer, to.unit, from.unit})));

  for (std::size_t c = 1; c < columns.size(); ++c) {
    for (const NodeBox& to : columns[c]) {
      for (const NodeBox& from : columns[c - 1]) {
        if (to.layer != from.layer + 1) continue;  // a skipped (undrawn) layer lies between
        const ParameterRef p{to.layer, to.unit, from.unit};
        const float value = edge_value(p);
        const ImVec2 a = edge_start(from), b = edge_end(to);
        // A point on the edge near its start, clear of the crossings in the middle.
        f.demo.view_targets.push_back({parameter_id(f.net, p), a.x + (b.x - a.x) * 0.2f, a.y + (b.y - a.y) * 0.2f});
        const bool lit = f.selected && on_chain(*f.selected, DerivationEdge{to.layer, from.unit, to.unit});
        ImU32 colour = value >= 0.0f ? f.colours.edge_positive : f.colours.edge_negative;
        if (f.selected && !lit) colour = (colour & 0x00FFFFFF) | 0x40000000;
        if (lit) colour = f.colours.highlight;
        const float width = (0.8f + 5.0f * std::fabs(value) / largest) * f.scale;
        draw_arrow(f.list, a, b, colour, width, f.scale);
        if (f.canvas_hovered && distance_to_segment(f.mouse, a, b) < 4.0f * f.scale + width * 0.5f) {
          hover.any = true;
          hover.parameter = p;
        }
      }
    }
  }
}

// Units, each with its bias box.
void draw_units(const ViewFrame& f, Hover& hover) {
  for (const auto& column : f.layout.columns) {
    for (const NodeBox& box : column) {
      const bool lit = f.selected && on_chain(*f.selected, DerivationUnit{box.layer, box.unit});
      draw_node(f.list, box, f.colours, lit, f.selected && !lit, f.scale);
      if (f.canvas_hovered && inside(box, f.mouse)) hover = Hover{true, true, {}, box.layer, box.unit};
      if (box.layer == 0) continue;
      const ParameterRef bias{box.layer, box.unit, -1};
      f.demo.view_targets.push_back({parameter_id(f.net, bias), (box.bias_min.x + box.bias_max.x) * 0.5f,
                                     (box.bias_min.y + box.bias_max.y) * 0.5f});
      const bool bias_selected =
          f.selected && f.selected->layer == box.layer && f.selected->row == box.unit && f.selected->is_bias();
      f.list->AddRectFilled(box.bias_min, box.bias_max, bias_selected ? f.colours.highlight : f.colours.node_fill,
                            3.0f * f.scale);
      f.list->AddRect(box.bias_min, box.bias_max, f.colours.node_border, 3.0f * f.scale);
      const std::string name = parameter_id(f.net, bias);
      const float font_size = ImGui::GetFontSize() * 0.75f;
      f.list->AddText(ImGui::GetFont(), font_size, ImVec2(box.bias_min.x + 3.0f * f.scale, box.bias_min.y),
                      f.colours.node_text, name.size() <= 3 ? name.c_str() : "b");
      if (f.canvas_hovered && f.mouse.x >= box.bias_min.x && f.mouse.x <= box.bias_max.x &&
          f.mouse.y >= box.bias_min.y && f.mouse.y <= box.bias_max.y) hover = Hover{true, false, bias, 0, 0};
    }
  }
}

// "+N more" under a cut column, and the note when layers are cut.
void draw_cut_notes(const ViewFrame& f) {
  const NetworkLayout& layout = f.layout;
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    if (layout.hidden_units[c] <= 0 || layout.columns[c].empty()) continue;
    const NodeBox& last = layout.columns[c].back();
    char more[48];
    std::snprintf(more, sizeof more, "+%d more", layout.hidden_units[c]);
    f.list->AddText(ImVec2(last.center.x - last.half_size.x, last.bias_max.y + 2.0f * f.scale), f.colours.text_muted, more);
  }
  if (layout.truncated) {
    f.list->AddText(ImVec2(layout.frame_min.x + 6.0f * f.scale, layout.frame_max.y - ImGui::GetFontSize() - 4.0f * f.scale),
                    f.colours.text_muted,
                    "The engine trains every unit and layer; the view draws up to 8 units of 6 hidden layers.");
  }
}

// A click on a parameter selects it (and opens its editor while paused); on empty canvas, clears.
void handle_click(const ViewFrame& f, const Hover& hover) {
  if (hover.any && !hover.is_unit) {
    f.demo.selected = parameter_id(f.net, hover.parameter);
    if (!training_busy(f.demo)) {
      f.demo.editing = f.demo.selected;
      f.demo.edit_value = parameter_value(f.net, hover.parameter);
      ImGui::OpenPopup("edit-parameter");
    }
  } else if (!hover.any) {
    f.demo.selected.clear();
  }
}

}  // namespace

void draw_network_view(App& app, ImVec2 size) {
  NetworkDemo& demo = app.network;
  const Network<float>& net = demo.trainer.network();
  const float scale = app.pixel_ratio;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("network-canvas", size);
  const bool canvas_hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const NetworkLayout layout = layout_network(net, origin, size, scale);
  const ViewFrame frame{demo, net, layout, palette(), scale, ImGui::GetWindowDrawList(), selected_parameter(demo),
                        ImGui::GetIO().MousePos, canvas_hovered};
  draw_frame(frame.list, layout, frame.colours, scale);

  demo.view_targets.clear();
  Hover hover;
  draw_edges(frame, hover);
  draw_units(frame, hover);
  draw_cut_notes(frame);
  if (hover.any && hover.is_unit) {
    if (const NodeBox* box = layout.node(hover.layer, hover.unit)) unit_tooltip(demo, *box);
  } else if (hover.any) {
    parameter_tooltip(demo, hover.parameter);
  }
  if (clicked) handle_click(frame, hover);
  draw_editor_popup(demo);
}

}  // namespace bpl::web
