// The stacked constructs: fractions, scripts and limits, radicals, \left…\right.
// Box coordinates: y down from the baseline; "raised by u" is dy = −u. Sizes: layout.h.
#include <algorithm>
#include <utility>

#include "engine/typeset/layout.h"
#include "engine/typeset/symbols.h"

namespace bpl::typeset {

namespace {

constexpr float kAxisEm = 0.25f;           // the math axis: fraction bars and delimiters centre on it
constexpr float kFractionGapEm = 0.1f;     // numerator / denominator to the bar
constexpr float kFractionPadEm = 0.1f;     // the bar reaches this far past the wider part, each side
constexpr float kSupShiftEm = 0.45f;       // a superscript's baseline above the base's
constexpr float kSubShiftEm = 0.2f;        // a subscript's baseline below the base's
constexpr float kSupDropEm = 0.39f;        // of the script size: a tall base's superscript sits this far below its top
constexpr float kSubDropEm = 0.05f;        // of the script size: a deep base's subscript sits this far below its bottom
constexpr float kSubTopEm = 0.36f;         // a subscript's top at most this far above the baseline (⅘ x-height)
constexpr float kScriptGapEm = 0.05f;      // between a superscript's box and a subscript's
constexpr float kScriptSpaceEm = 0.05f;    // after the scripts
constexpr float kBigOperatorScale = 1.4f;  // \sum, \prod
constexpr float kLimitGapEm = 0.1f;        // limits to the operator
constexpr float kRadicalGapEm = 0.1f;      // the body to the overbar
constexpr float kNullDelimiterEm = 0.12f;  // \left. and \right.: TeX's \nulldelimiterspace
constexpr float kDelimiterSlackEm = 0.3f;  // \left( grows only for a body this far past a line's ascent or descent

}  // namespace

Box Layouter::fraction(const Node& node, Style style) const {
  const Style part = fraction_style(style);
  Box numerator = child(node.children[0], part), denominator = child(node.children[1], part);
  const float em = style.size, t = rule_thickness(em), axis = kAxisEm * em;
  const float gap = std::max(t, kFractionGapEm * em), pad = kFractionPadEm * em;
  Box out;
  out.width = std::max(numerator.width, denominator.width) + 2 * pad;
  const float bar_top = -(axis + t / 2);  // y down
  const float numerator_baseline = bar_top - gap - numerator.depth;
  const float denominator_baseline = bar_top + t + gap + denominator.height;
  const float numerator_x = (out.width - numerator.width) / 2, denominator_x = (out.width - denominator.width) / 2;
  place(out, std::move(numerator), numerator_x, numerator_baseline);
  place(out, std::move(denominator), denominator_x, denominator_baseline);
  add_rule(out, pad / 2, bar_top, out.width - pad, t);
  return out;
}

Box Layouter::scripts(const Node& node, Style style) const {
  const int base_id = node.children[0];
  Box base = child(base_id, style);
  if (base_id >= 0 && tree_.nodes[base_id].kind == NodeKind::big_operator) return limits(std::move(base), node, style);
  const Style script = script_style(style);
  const bool has_sub = node.children[1] >= 0, has_sup = node.children[2] >= 0;
  Box sub = child(node.children[1], script), sup = child(node.children[2], script);
  // A single glyph keeps the fixed shifts; a taller or deeper base (a fraction, a group) pushes them out.
  const bool glyph_base = base_id < 0 || tree_.nodes[base_id].kind == NodeKind::symbol;
  const float em = style.size;
  float up = std::max({kSupShiftEm * em, glyph_base ? 0 : base.height - kSupDropEm * script.size,
                       sup.depth + kScriptGapEm * em});
  float down = std::max({kSubShiftEm * em, glyph_base ? 0 : base.depth + kSubDropEm * script.size,
                         sub.height - kSubTopEm * em});
  if (has_sub && has_sup) {
    const float clearance = (up - sup.depth) - (sub.height - down);  // sup's bottom above sub's top
    if (clearance < kScriptGapEm * em) down += kScriptGapEm * em - clearance;
  }
  Box out;
  const float base_width = base.width;
  const float scripts_width = std::max(has_sub ? sub.width : 0, has_sup ? sup.width : 0);
  out.width = base_width + scripts_width + kScriptSpaceEm * em;
  place(out, std::move(base), 0, 0);
  if (has_sup) place(out, std::move(sup), base_width, -up);
  if (has_sub) place(out, std::move(sub), base_width, down);
  return out;
}

// \sum_{i=1}^{n}: the limits centred above and below the large operator.
Box Layouter::limits(Box op, const Node& node, Style style) const {
  const Style script = script_style(style);
  const bool has_sub = node.children[1] >= 0, has_sup = node.children[2] >= 0;
  Box sub = child(node.children[1], script), sup = child(node.children[2], script);
  const float gap = kLimitGapEm * style.size;
  Box out;
  out.width = std::max({op.width, has_sub ? sub.width : 0, has_sup ? sup.width : 0});
  const float op_height = op.height, op_depth = op.depth;
  const float op_x = (out.width - op.width) / 2, sup_x = (out.width - sup.width) / 2;
  const float sub_x = (out.width - sub.width) / 2;
  place(out, std::move(op), op_x, 0);
  if (has_sup) {
    const float sup_baseline = -(op_height + gap + sup.depth);
    place(out, std::move(sup), sup_x, sup_baseline);
  }
  if (has_sub) {
    const float sub_baseline = op_depth + gap + sub.height;
    place(out, std::move(sub), sub_x, sub_baseline);
  }
  return out;
}

// ∑ and ∏ at kBigOperatorScale × the size, their box centred on the axis.
Box Layouter::big_operator(const Node& node, Style style) const {
  const float size = kBigOperatorScale * style.size;
  Box glyph_box = glyph(node.text, size, node.style);
  const float centre = (glyph_box.height - glyph_box.depth) / 2;  // above the glyph's baseline
  Box out;
  out.width = glyph_box.width;
  place(out, std::move(glyph_box), 0, centre - kAxisEm * style.size);
  return out;
}

// √ sized to reach from the body's bottom to the overbar, which runs over the body.
Box Layouter::radical(const Node& node, Style style) const {
  Box body = child(node.children[0], style);
  const float em = style.size, t = rule_thickness(em), gap = kRadicalGapEm * em;
  const float top = body.height + gap + t;  // the overbar's top, above the baseline
  const float per_px = (metrics_.ascent(em) + metrics_.descent(em)) / em;
  const float size = std::max(em, (top + body.depth) / per_px);
  Box sign = glyph(std::string(kRadicalSign), size, FontStyle::upright);
  const float sign_width = sign.width, body_width = body.width;
  const float sign_baseline = -(top - sign.height);  // the sign's box top at the overbar's top
  Box out;
  place(out, std::move(sign), 0, sign_baseline);
  place(out, std::move(body), sign_width, 0);
  add_rule(out, sign_width, -top, body_width + kScriptSpaceEm * em, t);
  out.width = sign_width + body_width + kScriptSpaceEm * em;
  out.height = std::max(out.height, top);
  return out;
}

// \left( body \right): both delimiters span the body, symmetric about the axis.
Box Layouter::delimited(const Node& node, Style style) const {
  Box body = child(node.children[0], style);
  // A body that reaches past a line of text by no more than a script does keeps the text's
  // delimiters: \left( x^{2} + x \right) reads as ( x² + x ), as in TeX.
  const float axis = kAxisEm * style.size, slack = kDelimiterSlackEm * style.size;
  const bool one_line = body.height <= metrics_.ascent(style.size) + slack &&
                        body.depth <= metrics_.descent(style.size) + slack;
  const float extent = one_line ? 0 : 2 * std::max(body.height - axis, body.depth + axis);
  Box open = delimiter(node.text, extent, style), close = delimiter(node.close, extent, style);
  std::vector<RowItem> items(3);
  items[0].box = std::move(open);
  items[1].box = std::move(body);
  items[2].box = std::move(close);
  return pack(std::move(items));
}

// One delimiter glyph whose box spans `extent` px; never smaller than the text size.
Box Layouter::delimiter(const std::string& glyph_text, float extent, Style style) const {
  if (glyph_text.empty()) {
    Box null_delimiter;
    null_delimiter.width = kNullDelimiterEm * style.size;
    return null_delimiter;
  }
  const float per_px = (metrics_.ascent(style.size) + metrics_.descent(style.size)) / style.size;
  const float size = extent / per_px;
  if (!(size > style.size)) return glyph(glyph_text, style.size, FontStyle::upright);
  Box glyph_box = glyph(glyph_text, size, FontStyle::upright);
  const float centre = (glyph_box.height - glyph_box.depth) / 2;
  Box out;
  out.width = glyph_box.width;
  place(out, std::move(glyph_box), 0, centre - kAxisEm * style.size);
  return out;
}

}  // namespace bpl::typeset
