// The computation graph panel: f(x, y) as a mermaid `graph LR` flowchart.
// Each node shows its formula, its value once the forward pass has run and
// ∂f/∂node as the backward pass fills it in; each followed edge shows its local
// derivative once its upper node has passed the gradient through it. The
// buttons drive the step-through and a caption says what the step did.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "engine/expr/format.h"
#include "expression_graph_layout.h"
#include "expression_panels.h"
#include "panels.h"

namespace bpl::web {

using namespace bpl::expr;

namespace {

constexpr ImU32 kUndefinedColour = IM_COL32(0xD3, 0x2F, 0x2F, 0xFF);
constexpr ImU32 kSlopeColour = IM_COL32(0xE6, 0x7E, 0x00, 0xFF);

struct NodeText {
  std::vector<std::string> lines;
  std::vector<ImU32> colours;
};

ImU32 faded(ImU32 colour, int alpha) { return (colour & 0x00FFFFFF) | (ImU32(alpha) << 24); }

// Four significant digits: edge labels sit in the narrow gaps between columns.
std::string short_number(double v) {
  if (!std::isfinite(v)) return format_number(v);
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

NodeText node_text(const ExpressionDemo& demo, const PassMarks& marks, const std::vector<char>& touched, NodeId id) {
  const Graph& g = demo.graph;
  const Node& node = g.nodes[id];
  const Palette& colours = palette();
  NodeText text;
  auto add = [&](std::string line, ImU32 colour) { text.lines.push_back(std::move(line)); text.colours.push_back(colour); };
  if (node.op == Op::constant) {
    add(node.label, colours.node_text);
    return text;
  }
  add(node.is_leaf() ? node.label : node.label + " = " + formula(g, id), colours.node_text);
  if (!demo.forward_done) add("value ?", colours.text_muted);
  else if (!node.defined()) add("undefined", kUndefinedColour);
  else add("= " + format_number(node.value), colours.node_text);
  const std::string name = "∂f/∂" + node.label;
  if (!node.varies) add("no x or y: no gradient", colours.text_muted);
  else if (!demo.forward_done || !node.defined() || (!marks.final_adjoint[id] && !touched[id])) add(name + " = ?", colours.text_muted);
  else if (marks.final_adjoint[id]) add(name + " = " + format_number(node.adjoint), colours.edge_positive);
  else add(name + " = " + format_number(node.adjoint) + " …", colours.text_muted);  // more contributions to come
  return text;
}

ImVec2 text_block_size(const NodeText& text) {
  ImVec2 size(0, 0);
  for (const std::string& line : text.lines) {
    const ImVec2 s = ImGui::CalcTextSize(line.c_str());
    size.x = std::max(size.x, s.x);
    size.y += ImGui::GetTextLineHeight();
  }
  return size;
}

ImVec2 bezier_point(ImVec2 a, ImVec2 b, float t) {
  // The curve below leaves and enters horizontally, like mermaid's basis curves.
  const float dx = (b.x - a.x) * 0.5f;
  const ImVec2 c1(a.x + dx, a.y), c2(b.x - dx, b.y);
  const float u = 1 - t;
  return ImVec2(u * u * u * a.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * b.x,
                u * u * u * a.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * b.y);
}

void draw_edge(ImDrawList* list, ImVec2 a, ImVec2 b, ImU32 colour, float width, float scale) {
  const float dx = (b.x - a.x) * 0.5f;
  const float head = 6.0f * scale + width;
  const ImVec2 tip = b, base(b.x - head, b.y);
  list->AddBezierCubic(a, ImVec2(a.x + dx, a.y), ImVec2(base.x - dx, base.y), base, colour, width);
  list->AddTriangleFilled(tip, ImVec2(base.x, base.y - head * 0.45f), ImVec2(base.x, base.y + head * 0.45f), colour);
}

void draw_tag(ImDrawList* list, ImVec2 at, const std::string& text, ImU32 colour, float size, float wrap) {
  ImFont* font = ImGui::GetFont();
  const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, wrap, text.c_str());
  const ImVec2 p0(at.x - extent.x * 0.5f - 3, at.y), p1(at.x + extent.x * 0.5f + 3, at.y + extent.y + 2);
  list->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_WindowBg), 3.0f);
  list->AddRect(p0, p1, colour, 3.0f);
  list->AddText(font, size, ImVec2(p0.x + 3, p0.y + 1), colour, text.c_str(), nullptr, wrap);
}

void node_tooltip(const ExpressionDemo& demo, NodeId id) {
  const Graph& g = demo.graph;
  const Node& node = g.nodes[id];
  ImGui::BeginTooltip();
  ImGui::Text("%s%s%s   (op: %s)", node.label.c_str(), node.is_leaf() ? "" : " = ",
              node.is_leaf() ? "" : formula(g, id).c_str(), op_name(node.op));
  if (demo.forward_done) {
    ImGui::Text("value %s", node.defined() ? format_number(node.value).c_str() : "undefined");
    for (std::size_t i = 0; i < node.inputs.size(); ++i) {
      const Node& input = g.nodes[node.inputs[i]];
      if (!input.varies) continue;
      ImGui::Text("local derivative ∂%s/∂%s = %s", node.label.c_str(), input.label.c_str(), format_number(node.local[i]).c_str());
    }
    if (node.varies) ImGui::Text("∂f/∂%s = %s (so far)", node.label.c_str(), format_number(node.adjoint).c_str());
  }
  if (!node.undefined.empty()) ImGui::TextColored(ImColor(kUndefinedColour), "undefined: %s", node.undefined.c_str());
  if (!node.slope_undefined.empty())
    ImGui::TextColored(ImColor(kSlopeColour), "no local derivative: %s", node.slope_undefined.c_str());
  ImGui::EndTooltip();
}

bool inside(const GraphBox& box, ImVec2 p) {
  return std::fabs(p.x - box.center.x) <= box.half_size.x && std::fabs(p.y - box.center.y) <= box.half_size.y;
}

void draw_graph_canvas(App& app, ImVec2 size) {
  ExpressionDemo& demo = app.expression;
  const Graph& g = demo.graph;
  const Palette& colours = palette();
  const float scale = app.pixel_ratio;
  const int n = int(g.nodes.size());
  const PassMarks marks = pass_marks(demo);
  std::vector<char> touched(n, 0);  // has received at least one contribution
  const StepRecord* last = demo.forward_done ? demo.stepper->last() : nullptr;
  if (demo.forward_done)
    for (const StepRecord& record : demo.stepper->taken())
      for (const EdgeStep& edge : record.edges)
        if (edge.followed) touched[edge.input] = 1;
  const NodeId upcoming = demo.forward_done ? demo.stepper->upcoming() : kNoNode;

  std::vector<NodeText> texts;
  std::vector<ImVec2> text_sizes;
  for (NodeId id = 0; id < n; ++id) {
    texts.push_back(node_text(demo, marks, touched, id));
    text_sizes.push_back(text_block_size(texts.back()));
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const GraphLayout layout = layout_expression_graph(g, demo.show_constants, text_sizes, origin, size, scale);
  ImGui::InvisibleButton("graph-canvas", layout.size);
  const bool hovered = ImGui::IsItemHovered();
  // A canvas larger than the panel scrolls; dragging it pans.
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    const ImVec2 delta = ImGui::GetIO().MouseDelta;
    ImGui::SetScrollX(ImGui::GetScrollX() - delta.x);
    ImGui::SetScrollY(ImGui::GetScrollY() - delta.y);
  }
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(layout.frame_min, layout.frame_max, colours.subgraph_fill, 2.0f * scale);
  list->AddRect(layout.frame_min, layout.frame_max, colours.subgraph_border, 2.0f * scale, 0, 1.0f * scale);
  list->PushClipRect(layout.frame_min, layout.frame_max, true);
  const float font_size = ImGui::GetFontSize() * layout.text_scale;
  const float label_size = font_size * 0.85f;
  ImFont* font = ImGui::GetFont();

  // Edges first, so the nodes sit on top of them; labels after the nodes.
  struct EdgeLabel { ImVec2 at; std::string text; ImU32 colour; };
  std::vector<EdgeLabel> labels;
  for (NodeId id = 0; id < n; ++id) {
    const Node& node = g.nodes[id];
    const GraphBox& to = layout.boxes[id];
    if (!to.drawn) continue;
    for (std::size_t i = 0; i < node.inputs.size(); ++i) {
      const NodeId input = node.inputs[i];
      const GraphBox& from = layout.boxes[input];
      if (!from.drawn) continue;
      const ImVec2 a = graph_edge_start(from), b = graph_edge_end(to, int(i), int(node.inputs.size()));
      const bool followed = g.nodes[input].varies;
      const bool current = last && last->node == id;
      ImU32 colour = followed ? colours.edge : faded(colours.edge, 0x60);
      if (current && followed) colour = colours.highlight;
      draw_edge(list, a, b, colour, (current && followed ? 2.5f : followed ? 1.3f : 0.8f) * scale, scale);
      if (!followed || !marks.processed[id]) continue;
      // Short labels: the caption spells out this step's products in full.
      const std::string text = "∂" + node.label + "/∂" + g.nodes[input].label + " = " + short_number(node.local[i]);
      labels.push_back({bezier_point(a, b, 0.5f), text, current ? colours.highlight : colours.node_text});
    }
  }
  NodeId hovered_node = kNoNode;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (NodeId id = 0; id < n; ++id) {
    const GraphBox& box = layout.boxes[id];
    if (!box.drawn) continue;
    const Node& node = g.nodes[id];
    const ImVec2 p0(box.center.x - box.half_size.x, box.center.y - box.half_size.y);
    const ImVec2 p1(box.center.x + box.half_size.x, box.center.y + box.half_size.y);
    const bool origin_of_undefined = demo.forward_done && !node.defined() && demo.evaluation.undefined_at == id;
    const bool slope_broken = demo.forward_done && node.defined() && !node.slope_undefined.empty();
    ImU32 border = colours.node_border;
    float border_width = 1.0f * scale;
    if (last && last->node == id) { border = colours.highlight; border_width = 3.0f * scale; }
    else if (id == upcoming) { border = faded(colours.highlight, 0x90); border_width = 2.0f * scale; }
    if (origin_of_undefined) { border = kUndefinedColour; border_width = 2.5f * scale; }
    else if (slope_broken) { border = kSlopeColour; border_width = 2.5f * scale; }
    // Leaves are stadiums, constants circles, operations rounded boxes (mermaid's shapes).
    const float rounding = node.op == Op::constant || node.op == Op::variable ? box.half_size.y : 5.0f * scale;
    list->AddRectFilled(p0, p1, colours.node_fill, rounding);
    list->AddRect(p0, p1, border, rounding, 0, border_width);
    if (id == g.root) list->AddRect(ImVec2(p0.x - 3 * scale, p0.y - 3 * scale), ImVec2(p1.x + 3 * scale, p1.y + 3 * scale),
                                    colours.node_border, rounding + 3 * scale, 0, 1.0f * scale);
    const NodeText& text = texts[id];
    float y = box.center.y - float(text.lines.size()) * font_size * 0.5f;
    for (std::size_t k = 0; k < text.lines.size(); ++k) {
      const float w = font->CalcTextSizeA(font_size, FLT_MAX, 0, text.lines[k].c_str()).x;
      list->AddText(font, font_size, ImVec2(box.center.x - w * 0.5f, y), text.colours[k], text.lines[k].c_str());
      y += font_size;
    }
    const float wrap = std::max(box.half_size.x * 2.4f, 150.0f * scale);
    if (origin_of_undefined) draw_tag(list, ImVec2(box.center.x, p1.y + 3 * scale), "undefined here: " + node.undefined, kUndefinedColour, label_size, wrap);
    else if (slope_broken) draw_tag(list, ImVec2(box.center.x, p1.y + 3 * scale), "no derivative here: " + node.slope_undefined, kSlopeColour, label_size, wrap);
    if (hovered && inside(box, mouse)) hovered_node = id;
  }
  for (const EdgeLabel& label : labels) {
    const ImVec2 extent = font->CalcTextSizeA(label_size, FLT_MAX, 0, label.text.c_str());
    const ImVec2 p0(label.at.x - extent.x * 0.5f - 2, label.at.y - extent.y * 0.5f - 1);
    list->AddRectFilled(p0, ImVec2(p0.x + extent.x + 4, p0.y + extent.y + 2), faded(ImGui::GetColorU32(ImGuiCol_WindowBg), 0xE0), 3.0f);
    list->AddText(font, label_size, ImVec2(p0.x + 2, p0.y + 1), label.colour, label.text.c_str());
  }
  list->PopClipRect();
  if (hovered_node != kNoNode) node_tooltip(demo, hovered_node);
}

void draw_step_buttons(ExpressionDemo& demo) {
  const BackwardStepper& stepper = *demo.stepper;
  if (ImGui::Button("Forward")) forward_pass(demo);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Compute every node's value from x and y, leaves first");
  ImGui::SameLine();
  ImGui::BeginDisabled(!demo.forward_done || stepper.position() == 0);
  if (ImGui::Button("◀ Step back")) backward_step_back(demo);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(demo.forward_done && stepper.at_end());
  if (ImGui::Button("Backward step ▶")) backward_step(demo);
  ImGui::SameLine();
  if (ImGui::Button("Run all")) backward_run_all(demo);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset")) reset_passes(demo);
  ImGui::SameLine();
  ImGui::Checkbox("constants", &demo.show_constants);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Draw numbers such as the 2 in x^2 as their own nodes");
}

}  // namespace

void draw_expression_graph_panel(App& app) {
  ExpressionDemo& demo = app.expression;
  section_title("Computation graph   (keys: ← step back, → backward step)");
  draw_step_buttons(demo);
  const float caption_h = ImGui::GetTextLineHeightWithSpacing() * 3.4f;
  ImGui::BeginChild("graph-caption", ImVec2(0, caption_h), false);
  ImGui::TextWrapped("%s", step_caption(demo).c_str());
  ImGui::EndChild();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::BeginChild("graph-scroll", avail, false, ImGuiWindowFlags_HorizontalScrollbar);
  const float bar = ImGui::GetStyle().ScrollbarSize;  // room for the scrollbars a large graph brings
  draw_graph_canvas(app, ImVec2(avail.x - bar, std::max(avail.y - bar, 60.0f * app.pixel_ratio)));
  ImGui::EndChild();
}

}  // namespace bpl::web
