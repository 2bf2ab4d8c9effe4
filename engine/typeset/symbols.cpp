// Command and character tables. Greek follows the glyphs the derivation's plain
// text uses (\phi → φ U+03C6, \epsilon → ε U+03B5), so both read the same.
#include "engine/typeset/symbols.h"

#include <cctype>

namespace bpl::typeset {

namespace {

struct Named {
  std::string_view name;
  Symbol symbol;
};

constexpr AtomClass kOrd = AtomClass::ord, kBin = AtomClass::bin, kRel = AtomClass::rel, kOp = AtomClass::op,
                    kInner = AtomClass::inner;
constexpr FontStyle kUp = FontStyle::upright, kIt = FontStyle::italic;

constexpr Named kCommands[] = {
    // Lowercase Greek: italic, as TeX sets it.
    {"alpha", {"\u03B1", kOrd, kIt}}, {"beta", {"\u03B2", kOrd, kIt}}, {"gamma", {"\u03B3", kOrd, kIt}},
    {"delta", {"\u03B4", kOrd, kIt}}, {"epsilon", {"\u03B5", kOrd, kIt}}, {"zeta", {"\u03B6", kOrd, kIt}},
    {"eta", {"\u03B7", kOrd, kIt}}, {"theta", {"\u03B8", kOrd, kIt}}, {"iota", {"\u03B9", kOrd, kIt}},
    {"kappa", {"\u03BA", kOrd, kIt}}, {"lambda", {"\u03BB", kOrd, kIt}}, {"mu", {"\u03BC", kOrd, kIt}},
    {"nu", {"\u03BD", kOrd, kIt}}, {"xi", {"\u03BE", kOrd, kIt}}, {"pi", {"\u03C0", kOrd, kIt}},
    {"rho", {"\u03C1", kOrd, kIt}}, {"sigma", {"\u03C3", kOrd, kIt}}, {"tau", {"\u03C4", kOrd, kIt}},
    {"upsilon", {"\u03C5", kOrd, kIt}}, {"phi", {"\u03C6", kOrd, kIt}}, {"chi", {"\u03C7", kOrd, kIt}},
    {"psi", {"\u03C8", kOrd, kIt}}, {"omega", {"\u03C9", kOrd, kIt}},
    // Uppercase Greek: upright.
    {"Gamma", {"\u0393", kOrd, kUp}}, {"Delta", {"\u0394", kOrd, kUp}}, {"Theta", {"\u0398", kOrd, kUp}},
    {"Lambda", {"\u039B", kOrd, kUp}}, {"Xi", {"\u039E", kOrd, kUp}}, {"Pi", {"\u03A0", kOrd, kUp}},
    {"Sigma", {"\u03A3", kOrd, kUp}}, {"Phi", {"\u03A6", kOrd, kUp}}, {"Psi", {"\u03A8", kOrd, kUp}},
    {"Omega", {"\u03A9", kOrd, kUp}},
    // Other ordinary symbols.
    {"partial", {"\u2202", kOrd, kUp}}, {"ell", {"\u2113", kOrd, kUp}}, {"infty", {"\u221E", kOrd, kUp}},
    {"top", {"\u22A4", kOrd, kUp}}, {"dots", {"\u2026", kInner, kUp}}, {"ldots", {"\u2026", kInner, kUp}},
    {"cdots", {"\u22EF", kInner, kUp}},
    // Binary operators and relations.
    {"cdot", {"\u22C5", kBin, kUp}}, {"odot", {"\u2299", kBin, kUp}}, {"times", {"\u00D7", kBin, kUp}},
    {"pm", {"\u00B1", kBin, kUp}}, {"le", {"\u2264", kRel, kUp}}, {"ge", {"\u2265", kRel, kUp}},
    {"ne", {"\u2260", kRel, kUp}}, {"approx", {"\u2248", kRel, kUp}}, {"to", {"\u2192", kRel, kUp}},
    {"in", {"\u2208", kRel, kUp}},
    // Large operators (limits above and below) and operator names.
    {"sum", {"\u2211", kOp, kUp, NodeKind::big_operator}}, {"prod", {"\u220F", kOp, kUp, NodeKind::big_operator}},
    {"sin", {"sin", kOp, kUp}}, {"cos", {"cos", kOp, kUp}}, {"tan", {"tan", kOp, kUp}},
    {"tanh", {"tanh", kOp, kUp}}, {"ln", {"ln", kOp, kUp}}, {"log", {"log", kOp, kUp}},
    {"exp", {"exp", kOp, kUp}}, {"max", {"max", kOp, kUp}}, {"min", {"min", kOp, kUp}},
};

struct NamedSpace {
  std::string_view name;
  float em;
};
// TeX: \, = 3 mu, \: = 4 mu, \; = 5 mu, \! = −3 mu (18 mu = 1 em).
constexpr NamedSpace kSpaces[] = {{"quad", 1.0f},          {"qquad", 2.0f},         {",", 3.0f / 18},
                                  {":", 4.0f / 18},        {";", 5.0f / 18},        {"!", -3.0f / 18}};

}  // namespace

std::optional<Symbol> command_symbol(std::string_view name) {
  for (const Named& named : kCommands) {
    if (named.name == name) return named.symbol;
  }
  return std::nullopt;
}

std::optional<Symbol> char_symbol(char c) {
  if (std::isalpha(static_cast<unsigned char>(c))) {
    static const std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    return Symbol{kLetters.substr(kLetters.find(c), 1), kOrd, kIt};
  }
  switch (c) {
    case '+': return Symbol{"+", kBin, kUp};
    case '-': return Symbol{kMinusSign, kBin, kUp};
    case '=': return Symbol{"=", kRel, kUp};
    case '<': return Symbol{"<", kRel, kUp};
    case '>': return Symbol{">", kRel, kUp};
    case ':': return Symbol{":", kRel, kUp};
    case '(': return Symbol{"(", AtomClass::open, kUp};
    case '[': return Symbol{"[", AtomClass::open, kUp};
    case ')': return Symbol{")", AtomClass::close, kUp};
    case ']': return Symbol{"]", AtomClass::close, kUp};
    case '!': return Symbol{"!", AtomClass::close, kUp};
    case ',': return Symbol{",", AtomClass::punct, kUp};
    case ';': return Symbol{";", AtomClass::punct, kUp};
    case '|': return Symbol{"|", kOrd, kUp};
    case '/': return Symbol{"/", kOrd, kUp};
    case '.': return Symbol{".", kOrd, kUp};
    case '\'': return Symbol{"\u2032", kOrd, kUp};  // ′: TeX's ' is a prime
    default: return std::nullopt;
  }
}

std::optional<float> command_space(std::string_view name) {
  for (const NamedSpace& space : kSpaces) {
    if (space.name == name) return space.em;
  }
  return std::nullopt;
}

std::optional<std::string_view> delimiter_glyph(char c) {
  switch (c) {
    case '(': return std::string_view("(");
    case ')': return std::string_view(")");
    case '[': return std::string_view("[");
    case ']': return std::string_view("]");
    case '|': return std::string_view("|");
    case '.': return std::string_view("");
    default: return std::nullopt;
  }
}

}  // namespace bpl::typeset
