#include "engine/expr/names.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace bpl::expr {

namespace {

constexpr FunctionInfo kFunctions[] = {
    {"sin", Op::sin, 1, "sin(a)"},         {"cos", Op::cos, 1, "cos(a)"},
    {"tan", Op::tan, 1, "tan(a)"},         {"exp", Op::exp, 1, "exp(a)"},
    {"log", Op::log, 1, "log(a)"},         {"ln", Op::log, 1, "ln(a)"},
    {"sqrt", Op::sqrt, 1, "sqrt(a)"},      {"abs", Op::abs, 1, "abs(a)"},
    {"tanh", Op::tanh, 1, "tanh(a)"},      {"sigmoid", Op::sigmoid, 1, "sigmoid(a)"},
    {"relu", Op::relu, 1, "relu(a)"},      {"pow", Op::pow, 2, "pow(a, b)"},
    {"min", Op::min, 2, "min(a, b)"},      {"max", Op::max, 2, "max(a, b)"},
};
constexpr const char* kAtoms[] = {"pi", "x", "y", "e"};  // "pi" before "p…" splits

// Splits "xy2pi" into ["x", "y", "2", "pi"] when it is made only of variables,
// constants and digit runs; empty otherwise.
std::vector<std::string> split_into_atoms(std::string_view name) {
  std::vector<std::string> pieces;
  std::size_t at = 0;
  while (at < name.size()) {
    if (std::isdigit(static_cast<unsigned char>(name[at]))) {
      std::size_t end = at;
      while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
      pieces.emplace_back(name.substr(at, end - at));
      at = end;
      continue;
    }
    bool matched = false;
    for (const char* atom : kAtoms) {
      const std::string_view a(atom);
      if (name.substr(at, a.size()) == a) {
        pieces.emplace_back(a);
        at += a.size();
        matched = true;
        break;
      }
    }
    if (!matched) return {};
  }
  return pieces;
}

std::string join_product(const std::vector<std::string>& pieces) {
  std::string out;
  for (const std::string& piece : pieces) out += (out.empty() ? "" : "*") + piece;
  return out;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Levenshtein distance, for short names only.
int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& f : kFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

bool is_variable_name(std::string_view name) { return name == "x" || name == "y"; }

std::string suggest_for_unknown_name(std::string_view name) {
  // "xy" → x*y: implicit multiplication of names is not allowed, so say so.
  const std::vector<std::string> atoms = split_into_atoms(name);
  if (atoms.size() > 1) return "did you mean " + join_product(atoms) + "?";
  // "sinx" → sin(x); but "sine" is a misspelling, not sin(e)
  for (const FunctionInfo& f : kFunctions) {
    const std::string_view prefix(f.name);
    if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) continue;
    const std::vector<std::string> rest = split_into_atoms(name.substr(prefix.size()));
    const bool has_variable = std::find(rest.begin(), rest.end(), "x") != rest.end() ||
                              std::find(rest.begin(), rest.end(), "y") != rest.end();
    if (has_variable) return std::string("did you mean ") + f.name + "(" + join_product(rest) + ")?";
  }
  if (name == "f") return "enter only the right-hand side, without 'f(x, y) ='";
  // "X" → x, "Sin" → sin, "sqr" → sqrt
  const std::string lower = lowercase(name);
  std::string best;
  int best_distance = 3;
  auto consider = [&](std::string_view known) {
    if (lower == known) {
      best = std::string(known);
      best_distance = -1;
      return;
    }
    if (name.size() < 3 || name.size() > 12) return;
    const int d = edit_distance(lower, known);
    if (d < best_distance && d <= static_cast<int>(known.size()) / 2) {
      best = std::string(known);
      best_distance = d;
    }
  };
  for (const char* atom : kAtoms) consider(atom);
  for (const FunctionInfo& f : kFunctions) consider(f.name);
  if (!best.empty()) return "did you mean " + best + "?";
  if (name.size() == 1) return "the only variables are x and y";
  return "the variables are x and y, the constants pi and e; functions: sin cos tan exp log ln "
         "sqrt abs tanh sigmoid relu pow min max";
}

}  // namespace bpl::expr
