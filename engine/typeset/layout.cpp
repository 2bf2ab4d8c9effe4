// Rows and their spacing, glyphs, and the one-body wrappers (\hat, \boxed, marks).
// Fractions, scripts, radicals and delimiters: layout_stacks.cpp. Box model: layout.h.
#include "engine/typeset/layout.h"

#include <algorithm>
#include <utility>

#include "engine/typeset/symbols.h"

namespace bpl::typeset {

namespace {

constexpr float kBoxPadEm = 0.25f;  // \boxed: between the frame and the content
constexpr float kThinEm = 3.0f / 18, kMediumEm = 4.0f / 18, kThickEm = 5.0f / 18;

// TeXbook ch. 18: 0 none, 1 thin, 2 medium, 3 thick; negative: only outside scripts.
// Rows: the left atom's class; columns: the right one's (ord op bin rel open close punct inner).
constexpr int kSpacing[8][8] = {
    {0, 1, -2, -3, 0, 0, 0, -1},      // ord
    {1, 1, 0, -3, 0, 0, 0, -1},       // op
    {-2, -2, 0, 0, -2, 0, 0, -2},     // bin
    {-3, -3, 0, 0, -3, 0, 0, -3},     // rel
    {0, 0, 0, 0, 0, 0, 0, 0},         // open
    {0, 1, -2, -3, 0, 0, 0, -1},      // close
    {-1, -1, 0, -1, -1, -1, -1, -1},  // punct
    {-1, 1, -2, -3, -1, 0, -1, -1},   // inner
};

float space_em(AtomClass left, AtomClass right, bool in_script) {
  const int code = kSpacing[static_cast<int>(left)][static_cast<int>(right)];
  if (code < 0 && in_script) return 0;
  switch (code < 0 ? -code : code) {
    case 1: return kThinEm;
    case 2: return kMediumEm;
    case 3: return kThickEm;
    default: return 0;
  }
}

// Spaces and line breaks are not atoms. '&' is an empty ord, as TeX's aligned puts {} at the start of
// each right-hand cell: "a &= b" and "&= c" then space their '=' alike.
bool is_atom(const Node& node) { return node.kind != NodeKind::space && node.kind != NodeKind::line_break; }

// TeX's rules 5 and 6: a bin with no left operand (first, or after an op, bin, rel, open or
// punct) or no right one (last, or before a rel, close or punct) is an ordinary atom.
void demote_binary_operators(std::vector<AtomClass>& atoms) {
  for (std::size_t k = 0; k < atoms.size(); ++k) {
    if (atoms[k] != AtomClass::bin) continue;
    const AtomClass before = k == 0 ? AtomClass::open : atoms[k - 1];
    const AtomClass after = k + 1 == atoms.size() ? AtomClass::close : atoms[k + 1];
    const bool no_left = before == AtomClass::bin || before == AtomClass::op || before == AtomClass::rel ||
                         before == AtomClass::open || before == AtomClass::punct;
    const bool no_right = after == AtomClass::rel || after == AtomClass::close || after == AtomClass::punct;
    if (no_left || no_right) atoms[k] = AtomClass::ord;
  }
}

// "1.5 \times 10^{-3}" is one number: no line break after its ×.
bool joins_a_number(const Tree& tree, const std::vector<int>& atoms, std::size_t k) {
  const auto is_number = [&](int id) {
    const Node& node = tree.nodes[id];
    const int base = node.kind == NodeKind::scripts ? node.children[0] : id;
    return base >= 0 && tree.nodes[base].number;
  };
  return tree.nodes[atoms[k]].text == "\u00D7" && k > 0 && k + 1 < atoms.size() && is_number(atoms[k - 1]) &&
         is_number(atoms[k + 1]);
}

}  // namespace

// ---------------------------------------------------------------- rows

std::vector<RowItem> Layouter::row_items(int row, Style style) const {
  const std::vector<int>& children = tree_.nodes[row].children;
  std::vector<RowItem> items(children.size());
  // Atoms between line breaks, in order: their classes decide the spaces.
  std::vector<std::size_t> atom_items;
  std::vector<int> atom_nodes;
  std::vector<AtomClass> atoms;
  const auto finish_line = [&] {
    demote_binary_operators(atoms);
    for (std::size_t k = 0; k < atoms.size(); ++k) {
      RowItem& item = items[atom_items[k]];
      if (k > 0) item.space_before = space_em(atoms[k - 1], atoms[k], style.script_level > 0) * style.size;
      item.break_after = (atoms[k] == AtomClass::bin || atoms[k] == AtomClass::rel) &&
                         !joins_a_number(tree_, atom_nodes, k);
    }
    atom_items.clear();
    atom_nodes.clear();
    atoms.clear();
  };
  for (std::size_t k = 0; k < children.size(); ++k) {
    const Node& child = tree_.nodes[children[k]];
    RowItem& item = items[k];
    item.align = child.kind == NodeKind::align;
    item.line_break = child.kind == NodeKind::line_break;
    item.gap_em = child.kind == NodeKind::line_break ? child.em : 0;
    if (item.line_break) finish_line();
    if (!is_atom(child)) {
      item.box.width = child.kind == NodeKind::space ? child.em * style.size : 0;
      continue;
    }
    if (!item.align) item.box = node(children[k], style);
    atom_items.push_back(k);
    atom_nodes.push_back(children[k]);
    atoms.push_back(child.atom);
  }
  finish_line();
  return items;
}

Box Layouter::pack(std::vector<RowItem> items) {
  Box row;
  float x = 0;
  for (RowItem& item : items) {
    x += item.space_before;
    const float width = item.box.width;
    place(row, std::move(item.box), x, 0);
    x += width;
  }
  row.width = x;
  return row;
}

// ---------------------------------------------------------------- nodes

Box Layouter::node(int id, Style style) const {
  const Node& n = tree_.nodes[id];
  switch (n.kind) {
    case NodeKind::symbol: return glyph(n.text, style.size, n.style);
    case NodeKind::big_operator: return big_operator(n, style);
    case NodeKind::row: return pack(row_items(id, style));
    case NodeKind::fraction: return fraction(n, style);
    case NodeKind::scripts: return scripts(n, style);
    case NodeKind::radical: return radical(n, style);
    case NodeKind::delimited: return delimited(n, style);
    case NodeKind::accent: return accent(n, style);
    case NodeKind::boxed: return boxed(n, style);
    case NodeKind::marked: return marked(n, style);
    case NodeKind::space: {
      Box space;
      space.width = n.em * style.size;
      return space;
    }
    case NodeKind::align:
    case NodeKind::line_break: break;
  }
  return Box{};
}

Box Layouter::glyph(const std::string& text, float size, FontStyle style) const {
  Box box;
  box.height = metrics_.ascent(size);
  box.depth = metrics_.descent(size);
  if (text.empty()) return box;
  box.width = metrics_.advance(text, size, style);
  box.runs.push_back({0, 0, size, box.width, style, text, -1});
  return box;
}

Style Layouter::script_style(Style style) const {
  return {std::max(0.5f * base_size_, 0.7f * style.size), style.script_level + 1};
}

Style Layouter::fraction_style(Style style) const {
  return {std::max(0.5f * base_size_, 0.85f * style.size), style.script_level};
}

float Layouter::rule_thickness(float size) const { return std::max(1.0f, 0.06f * size); }

// \hat{y}: ŷ when the body is y; else a ˆ centred over the body, raised with a tall body.
Box Layouter::accent(const Node& node, Style style) const {
  const Node& body_node = tree_.nodes[node.children[0]];
  if (!node.text.empty()) return glyph(node.text, style.size, body_node.style);
  Box body = child(node.children[0], style);
  Box mark = glyph(std::string(kHatAccent), style.size, FontStyle::upright);
  Box out;
  out.width = std::max(body.width, mark.width);
  const float raise = std::max(0.0f, body.height - metrics_.ascent(style.size));
  const float body_width = body.width, mark_width = mark.width;
  place(out, std::move(body), (out.width - body_width) / 2, 0);
  place(out, std::move(mark), (out.width - mark_width) / 2, -raise);
  return out;
}

// \boxed{…}: four rules around the content, kBoxPadEm from it.
Box Layouter::boxed(const Node& node, Style style) const {
  Box body = child(node.children[0], style);
  const float t = rule_thickness(style.size), pad = kBoxPadEm * style.size;
  Box out;
  out.width = body.width + 2 * (pad + t);
  out.height = body.height + pad + t;
  out.depth = body.depth + pad + t;
  place(out, std::move(body), pad + t, 0);
  const float total = out.height + out.depth;
  add_rule(out, 0, -out.height, out.width, t);          // top
  add_rule(out, 0, out.depth - t, out.width, t);        // bottom
  add_rule(out, 0, -out.height, t, total);              // left
  add_rule(out, out.width - t, -out.height, t, total);  // right
  return out;
}

// \bplmark{key}{…}: the content's unmarked runs and rules carry the mark (an inner mark wins).
Box Layouter::marked(const Node& node, Style style) const {
  Box body = child(node.children[0], style);
  for (GlyphRun& run : body.runs) {
    if (run.mark < 0) run.mark = node.mark;
  }
  for (Rule& rule : body.rules) {
    if (rule.mark < 0) rule.mark = node.mark;
  }
  body.marks.push_back({node.mark, 0, -body.height, body.width, body.depth});
  return body;
}

}  // namespace bpl::typeset
