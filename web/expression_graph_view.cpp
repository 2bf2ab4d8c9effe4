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

// What one frame of the graph view draws with: the step-through's marks, the layout, the font sizes.
struct Canvas {
  const ExpressionDemo& demo;
  const Palette& colours;
  float scale;
  PassMarks marks;
  const StepRecord* last;  // the step just taken: its node and edges are highlighted
  GraphLayout layout;
  ImDrawList* list;
  ImFont* font;
  float font_size, label_size;
};

struct EdgeLabel {
  ImVec2 at;
  std::string text;
  ImU32 colour;
};

// Edges first, so the nodes sit on top of them; the labels are returned to be drawn last.
std::vector<EdgeLabel> draw_edges(const Canvas& c) {
  const Graph& g = c.demo.graph;
  std::vector<EdgeLabel> labels;
  for (NodeId id = 0; id < NodeId(g.nodes.size()); ++id) {
    const Node& node = g.nodes[id];
    const GraphBox& to = c.layout.boxes[id];
    if (!to.drawn) continue;
    const bool current = c.last && c.last->node == id;
    for (std::size_t i = 0; i < node.inputs.size(); ++i) {
      const NodeId input = node.inputs[i];
      const GraphBox& from = c.layout.boxes[input];
      if (!from.drawn) continue;
      const ImVec2 a = graph_edge_start(from), b = graph_edge_end(to, int(i), int(node.inputs.size()));
      const bool followed = g.nodes[input].varies;  // constants need no gradient
      const ImU32 colour = !followed ? faded(c.colours.edge, 0x60) : current ? c.colours.highlight : c.colours.edge;
      draw_edge(c.list, a, b, colour, (current && followed ? 2.5f : followed ? 1.3f : 0.8f) * c.scale, c.scale);
      if (!followed || !c.marks.processed[id]) continue;
      // Short labels: the caption spells out this step's products in full.
      const std::string text = "∂" + node.label + "/∂" + g.nodes[input].label + " = " + short_number(node.local[i]);
      labels.push_back({bezier_point(a, b, 0.5f), text, current ? c.colours.highlight : c.colours.node_text});
    }
  }
  return labels;
}

void draw_node(const Canvas& c, NodeId id, const NodeText& text) {
  const Node& node = c.demo.graph.nodes[id];
  const GraphBox& box = c.layout.boxes[id];
  const float s = c.scale;
  const ImVec2 p0(box.center.x - box.half_size.x, box.center.y - box.half_size.y);
  const ImVec2 p1(box.center.x + box.half_size.x, box.center.y + box.half_size.y);
  const bool forward = c.demo.forward_done;
  const bool origin_of_undefined = forward && !node.defined() && c.demo.evaluation.undefined_at == id;
  const bool slope_broken = forward && node.defined() && !node.slope_undefined.empty();
  ImU32 border = c.colours.node_border;
  float border_width = 1.0f * s;
  if (c.last && c.last->node == id) { border = c.colours.highlight; border_width = 3.0f * s; }
  else if (forward && id == c.demo.stepper->upcoming()) { border = faded(c.colours.highlight, 0x90); border_width = 2.0f * s; }
  if (origin_of_undefined) { border = kUndefinedColour; border_width = 2.5f * s; }
  else if (slope_broken) { border = kSlopeColour; border_width = 2.5f * s; }
  // Leaves are stadiums and circles, operations rounded boxes (mermaid's shapes); f gets a double border.
  const float rounding = node.is_leaf() ? box.half_size.y : 5.0f * s;
  c.list->AddRectFilled(p0, p1, c.colours.node_fill, rounding);
  c.list->AddRect(p0, p1, border, rounding, 0, border_width);
  if (id == c.demo.graph.root)
    c.list->AddRect(ImVec2(p0.x - 3 * s, p0.y - 3 * s), ImVec2(p1.x + 3 * s, p1.y + 3 * s), c.colours.node_border,
                    rounding + 3 * s, 0, 1.0f * s);
  float y = box.center.y - float(text.lines.size()) * c.font_size * 0.5f;
  for (std::size_t k = 0; k < text.lines.size(); ++k) {
    const float w = c.font->CalcTextSizeA(c.font_size, FLT_MAX, 0, text.lines[k].c_str()).x;
    c.list->AddText(c.font, c.font_size, ImVec2(box.center.x - w * 0.5f, y), text.colours[k], text.lines[k].c_str());
    y += c.font_size;
  }
  // Where f or ∇f stops existing, the node itself says why.
  const float wrap = std::max(box.half_size.x * 2.4f, 150.0f * s);
  const ImVec2 below(box.center.x, p1.y + 3 * s);
  if (origin_of_undefined) draw_tag(c.list, below, "undefined here: " + node.undefined, kUndefinedColour, c.label_size, wrap);
  else if (slope_broken) draw_tag(c.list, below, "no derivative here: " + node.slope_undefined, kSlopeColour, c.label_size, wrap);
}

void draw_edge_labels(const Canvas& c, const std::vector<EdgeLabel>& labels) {
  const ImU32 background = faded(ImGui::GetColorU32(ImGuiCol_WindowBg), 0xE0);
  for (const EdgeLabel& label : labels) {
    const ImVec2 extent = c.font->CalcTextSizeA(c.label_size, FLT_MAX, 0, label.text.c_str());
    const ImVec2 p0(label.at.x - extent.x * 0.5f - 2, label.at.y - extent.y * 0.5f - 1);
    c.list->AddRectFilled(p0, ImVec2(p0.x + extent.x + 4, p0.y + extent.y + 2), background, 3.0f);
    c.list->AddText(c.font, c.label_size, ImVec2(p0.x + 2, p0.y + 1), label.colour, label.text.c_str());
  }
}

void draw_graph_canvas(App& app, ImVec2 size) {
  const ExpressionDemo& demo = app.expression;
  const Graph& g = demo.graph;
  const int n = int(g.nodes.size());
  Canvas c{demo, palette(), app.pixel_ratio, pass_marks(g, *demo.stepper, demo.forward_done),
           demo.forward_done ? demo.stepper->last() : nullptr,
           {}, ImGui::GetWindowDrawList(), ImGui::GetFont(), 0, 0};
  std::vector<char> touched(n, 0);  // has received at least one contribution
  if (demo.forward_done)
    for (const StepRecord& record : demo.stepper->taken())
      for (const EdgeStep& edge : record.edges)
        if (edge.followed) touched[edge.input] = 1;
  std::vector<NodeText> texts;
  std::vector<ImVec2> text_sizes;
  for (NodeId id = 0; id < n; ++id) {
    texts.push_back(node_text(demo, c.marks, touched, id));
    text_sizes.push_back(text_block_size(texts.back()));
  }
  c.layout = layout_expression_graph(g, demo.show_constants, text_sizes, ImGui::GetCursorScreenPos(), size, c.scale);
  c.font_size = ImGui::GetFontSize() * c.layout.text_scale;
  c.label_size = c.font_size * 0.85f;
  ImGui::InvisibleButton("graph-canvas", c.layout.size);
  const bool hovered = ImGui::IsItemHovered();
  // A canvas larger than the panel scrolls; dragging it pans.
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    const ImVec2 delta = ImGui::GetIO().MouseDelta;
    ImGui::SetScrollX(ImGui::GetScrollX() - delta.x);
    ImGui::SetScrollY(ImGui::GetScrollY() - delta.y);
  }
  c.list->AddRectFilled(c.layout.frame_min, c.layout.frame_max, c.colours.subgraph_fill, 2.0f * c.scale);
  c.list->AddRect(c.layout.frame_min, c.layout.frame_max, c.colours.subgraph_border, 2.0f * c.scale, 0, 1.0f * c.scale);
  c.list->PushClipRect(c.layout.frame_min, c.layout.frame_max, true);
  const std::vector<EdgeLabel> labels = draw_edges(c);
  NodeId hovered_node = kNoNode;
  for (NodeId id = 0; id < n; ++id) {
    if (!c.layout.boxes[id].drawn) continue;
    draw_node(c, id, texts[id]);
    if (hovered && inside(c.layout.boxes[id], ImGui::GetIO().MousePos)) hovered_node = id;
  }
  draw_edge_labels(c, labels);
  c.list->PopClipRect();
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
  ImGui::TextWrapped("%s", step_caption(demo.graph, *demo.stepper, demo.forward_done).c_str());
  ImGui::EndChild();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::BeginChild("graph-scroll", avail, false, ImGuiWindowFlags_HorizontalScrollbar);
  const float bar = ImGui::GetStyle().ScrollbarSize;  // room for the scrollbars a large graph brings
  draw_graph_canvas(app, ImVec2(avail.x - bar, std::max(avail.y - bar, 60.0f * app.pixel_ratio)));
  ImGui::EndChild();
}

}  // namespace bpl::web
