// The network view: the MLP as a mermaid `graph LR` flowchart. Edge width is
// |w| (or |∂L/∂w| under the gradient lens) and colour its sign; each hidden
// unit's box holds its output over the input plane, each input circle its
// feature map (as TensorFlow Playground's neurons), enlarged on hover.
// A click on an edge or a bias tag only selects that parameter and lights up
// every path from it to the loss; editing its value is an explicit action: a
// double-click, or "Edit value" in the line under the view (network_legend.cpp).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "engine/derivation/chain_highlight.h"
#include "engine/expr/format.h"
#include "engine/mlp/parameter_names.h"
#include "network_layout.h"
#include "network_view_parts.h"
#include "network_legend.h"
#include "panels.h"

namespace bpl::web {

namespace {

struct Hover {
  bool any = false;
  bool is_unit = false;
  ParameterRef parameter;  // when !is_unit
  int layer = 0, unit = 0;  // when is_unit
};

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

// The label at the largest legible size that fits `width`: the full one, else the short one
// (never below 70 % of the font: "h2.3" reads better than "Hidden 2.3" at 5 px). 0: none fits.
float label_fit(const std::string& text, float width) {
  const float natural = ImGui::CalcTextSize(text.c_str()).x;
  return natural <= width ? 1.0f : (width / natural >= 0.7f ? width / natural : 0.0f);
}

void draw_label(ImDrawList* list, const NodeBox& box, ImVec2 anchor, float width, float align, ImU32 colour) {
  const std::string* text = &box.label;
  float fit = label_fit(box.label, width);
  if (fit < 1.0f && label_fit(box.short_label, width) > fit) {
    text = &box.short_label;
    fit = label_fit(box.short_label, width);
  }
  if (fit <= 0.0f) return;  // the tooltip names it
  const float size = ImGui::GetFontSize() * fit;
  const float text_w = ImGui::CalcTextSize(text->c_str()).x * fit;
  list->AddText(ImGui::GetFont(), size, ImVec2(anchor.x - text_w * align, anchor.y - size * 0.5f), colour, text->c_str());
}

void draw_node(ImDrawList* list, const NetworkDemo& demo, const Network<float>& net, const NodeBox& box,
               const NetworkLayout& layout, const Palette& colours, bool lit, bool dim, float scale) {
  const ImU32 border = lit ? colours.highlight : colours.node_border;
  const float border_width = (lit ? 2.5f : 1.0f) * scale;
  const ImU32 fill = dim ? (colours.node_fill & 0x00FFFFFF) | 0x99000000 : colours.node_fill;
  const HeatmapTexture* heatmap = node_heatmap(demo, box, net.depth());
  const float inset = 2.0f * scale;
  if (box.circle) {
    const float r = box.half_size.x;
    list->AddCircleFilled(box.center, r, fill, 48);
    const float half = r * 0.7071f - inset * 0.5f;  // the square inscribed in the circle
    if (heatmap && half >= 3.0f * scale)
      draw_heatmap(list, ImVec2(box.center.x - half, box.center.y - half), ImVec2(box.center.x + half, box.center.y + half),
                   *heatmap, node_style(net, box));
    list->AddCircle(box.center, r, border, 48, border_width);
    // Inputs are labelled on their left, outputs on their right, as the data flows.
    if (box.layer == 0)
      draw_label(list, box, ImVec2(box.center.x - r - inset, box.center.y), box.center.x - r - layout.frame_min.x - 2 * inset,
                 1.0f, colours.node_text);
    else
      draw_label(list, box, ImVec2(box.center.x + r + inset, box.center.y), layout.frame_max.x - box.center.x - r - 2 * inset,
                 0.0f, colours.node_text);
    return;
  }
  const ImVec2 p0(box.center.x - box.half_size.x, box.center.y - box.half_size.y);
  const ImVec2 p1(box.center.x + box.half_size.x, box.center.y + box.half_size.y);
  list->AddRectFilled(p0, p1, fill, 5.0f * scale);
  // The heatmap on the left of the box, the label in what is left.
  const float side = box.half_size.y * 2.0f - 2.0f * inset;
  float text_left = p0.x + inset;
  if (heatmap && side >= 8.0f * scale && side * 1.6f < box.half_size.x * 2.0f) {
    draw_heatmap(list, ImVec2(p0.x + inset, p0.y + inset), ImVec2(p0.x + inset + side, p0.y + inset + side), *heatmap,
                 node_style(net, box));
    text_left += side + inset;
  }
  list->AddRect(p0, p1, border, 5.0f * scale, 0, border_width);
  const float width = p1.x - inset - text_left;
  draw_label(list, box, ImVec2((text_left + p1.x - inset) * 0.5f, box.center.y), width, 0.5f, colours.node_text);
}

// Feature maps over the window, scaled to −1…1 by their largest |value|: made again only
// when the features or the window change (they do not depend on the weights).
void ensure_feature_textures(NetworkDemo& demo) {
  const std::vector<Feature>& features = demo.trainer.config().features;
  const InputWindow window = demo.trainer.window();
  if (features == demo.feature_textures_of && window.min == demo.feature_textures_window.min &&
      window.max == demo.feature_textures_window.max && demo.feature_textures.size() == features.size())
    return;
  constexpr int n = 32;
  demo.feature_textures = std::vector<HeatmapTexture>(features.size());
  std::vector<float> values(n * n);
  for (std::size_t f = 0; f < features.size(); ++f) {
    float largest = 1e-12f;
    for (int r = 0; r < n; ++r) {
      for (int c = 0; c < n; ++c) {
        // The cell layout of engine/training/grid_pass.h: row 0 at x2 = max.
        const double x1 = window.min + (window.max - window.min) * c / (n - 1);
        const double x2 = window.max - (window.max - window.min) * r / (n - 1);
        values[r * n + c] = float(feature_value(features[f], x1, x2));
        largest = std::max(largest, std::fabs(values[r * n + c]));
      }
    }
    for (float& v : values) v /= largest;
    demo.feature_textures[f].upload(values, n);
  }
  demo.feature_textures_of = features;
  demo.feature_textures_window = window;
}

bool inside(const NodeBox& box, ImVec2 p) {
  if (box.circle) {
    const float dx = p.x - box.center.x, dy = p.y - box.center.y;
    return dx * dx + dy * dy <= box.half_size.x * box.half_size.x;
  }
  return std::fabs(p.x - box.center.x) <= box.half_size.x && std::fabs(p.y - box.center.y) <= box.half_size.y;
}

void draw_editor_popup(NetworkDemo& demo) {
  if (!ImGui::BeginPopup("edit-parameter")) {
    demo.editor_frames = 0;
    return;
  }
  ++demo.editor_frames;
  ImGui::Text("New value for %s", demo.editing.c_str());
  ImGui::TextDisabled("Enter sets it · Esc cancels");
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
  bool seed_names;  // the seed's 2-2-1 net: its edges are labelled w1…w6
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
        // On the chain: the colour of its factor in the derivation, so w5 there is this edge here.
        const std::string mark = mark_key(parameter_source(p));
        const ImU32 factor = lit ? factor_colour(f.demo, mark) : 0;
        if (lit) colour = factor ? factor : f.colours.highlight;
        float width = (0.8f + 5.0f * std::fabs(value) / largest) * f.scale;
        if (factor) width = std::max(width, 2.5f * f.scale);
        if (mark == f.demo.formula_hover_mark) {  // its factor is hovered in the derivation
          draw_arrow(f.list, a, b, (colour & 0x00FFFFFF) | 0x55000000, width + 6.0f * f.scale, f.scale);
        }
        draw_arrow(f.list, a, b, colour, width, f.scale);
        if (f.seed_names && f.layout.columns.size() == 3) {
          // The seed's w1…w6 on their edges, a third of the way along (clear of the crossings).
          const std::string name = parameter_id(f.net, p);
          const ImVec2 at(a.x + (b.x - a.x) * 0.33f, a.y + (b.y - a.y) * 0.33f - ImGui::GetFontSize() * 0.9f);
          f.list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f, at, lit ? colour : f.colours.text_muted, name.c_str());
        }
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
      const std::string mark = mark_key({FactorSource::Kind::unit, box.layer, 0, box.unit});
      if (mark == f.demo.formula_hover_mark) {  // its factor is hovered in the derivation
        const ImVec2 pad(5.0f * f.scale, 5.0f * f.scale);
        f.list->AddRectFilled(ImVec2(box.center.x - box.half_size.x - pad.x, box.center.y - box.half_size.y - pad.y),
                              ImVec2(box.center.x + box.half_size.x + pad.x, box.center.y + box.half_size.y + pad.y),
                              (f.colours.highlight & 0x00FFFFFF) | 0x55000000, 8.0f * f.scale);
      }
      Palette colours = f.colours;
      if (const ImU32 factor = lit ? factor_colour(f.demo, mark) : 0) colours.highlight = factor;
      draw_node(f.list, f.demo, f.net, box, f.layout, colours, lit, f.selected && !lit, f.scale);
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

// A click on a parameter only selects it; on empty canvas, clears. A double-click on one opens its editor.
void handle_click(const ViewFrame& f, const Hover& hover, bool double_clicked) {
  if (hover.any && !hover.is_unit) {
    select_parameter(f.demo, parameter_id(f.net, hover.parameter));
    if (double_clicked) open_value_editor(f.demo);
  } else if (!hover.any) {
    f.demo.selected.clear();
  }
}

}  // namespace

void open_value_editor(NetworkDemo& demo) {
  const std::optional<ParameterRef> p = selected_parameter(demo);
  if (!p) return;
  // Editing pauses training: the value typed is the value the next step starts from.
  stop_step(demo);
  demo.playing = false;
  demo.editing = demo.selected;
  demo.edit_value = parameter_value(demo.trainer.network(), *p);
  ImGui::OpenPopup("edit-parameter");
}

void draw_network_view(App& app, ImVec2 size) {
  NetworkDemo& demo = app.network;
  const Network<float>& net = demo.trainer.network();
  const float scale = app.pixel_ratio;
  if (!demo.grids_shown) refresh_grids(demo);  // the units' heatmaps, when no output panel asked already
  ensure_feature_textures(demo);
  const float footer = network_footer_height(app, size.x);
  const ImVec2 canvas(size.x, std::max(size.y - footer, 40.0f * scale));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("network-canvas", canvas);
  const bool canvas_hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const bool double_clicked = canvas_hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
  const NetworkLayout layout = layout_network(net, demo.trainer.config().features, origin, canvas, scale);
  const ViewFrame frame{demo, net, layout, palette(), scale, ImGui::GetWindowDrawList(), selected_parameter(demo),
                        ImGui::GetIO().MousePos, canvas_hovered, parse_parameter_id(net, "w1").has_value()};
  draw_frame(frame.list, layout, frame.colours, scale);

  demo.view_targets.clear();
  Hover hover;
  draw_edges(frame, hover);
  draw_units(frame, hover);
  draw_cut_notes(frame);
  // What the derivation lights next: the hovered edge's or unit's factors (chain_highlight.h).
  demo.view_hover_mark = !hover.any ? std::string()
                         : hover.is_unit ? mark_key({FactorSource::Kind::unit, hover.layer, 0, hover.unit})
                                         : mark_key(parameter_source(hover.parameter));
  if (hover.any && hover.is_unit) {
    if (const NodeBox* box = layout.node(hover.layer, hover.unit)) unit_tooltip(demo, *box, scale);
  } else if (hover.any) {
    parameter_tooltip(demo, hover.parameter);
  }
  if (clicked || double_clicked) handle_click(frame, hover, double_clicked);
  if (!demo.view_targets.empty())
    anchor_callout(app, Callout::click_weight, ImVec2(demo.view_targets.front().x, demo.view_targets.front().y - 4.0f * scale));
  draw_network_footer(app, origin.x, origin.x + size.x);
  draw_editor_popup(demo);
}

}  // namespace bpl::web
