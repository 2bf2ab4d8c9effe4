// Mermaid flowchart text → nodes and edges (engine/formats/mermaid_graph.h); the
// accepted syntax is listed in engine/formats/mermaid_network.h. One Reader per text,
// one line at a time; the first error stops it.
// Section index: characters and shapes · Reader (header, statements, nodes and
// labels, edges) · the ```mermaid block · read_graph.
#include <algorithm>
#include <unordered_map>

#include "engine/formats/mermaid_graph.h"

namespace bpl::mermaid {

namespace {

constexpr long long kMaxEdgeWork = 1000000;  // node pairs that A & B --> C & D lines may expand to

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Letters, digits, '_' and any non-ASCII byte (ids in Chinese tutorials).
bool is_id_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u >= 0x80;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A markdown string "`**h**`" → its text.
std::string_view unmark(std::string_view label) {
  if (label.size() >= 2 && label.front() == '`' && label.back() == '`') return label.substr(1, label.size() - 2);
  return label;
}

struct Shape {
  const char* open;
  const char* close;
  bool circle;
};
// Longest opener first: "((" before "(".
const Shape kShapes[] = {{"(((", ")))", true}, {"((", "))", true}, {"([", "])", false}, {"(", ")", false},
                         {"[[", "]]", false},  {"[(", ")]", false}, {"[", "]", false},  {"{{", "}}", false},
                         {"{", "}", false},    {">", "]", false}};

const char* const kIgnoredStatements[] = {"direction", "classDef", "class", "style", "linkStyle", "click", "accTitle", "accDescr"};

class Reader {
 public:
  explicit Reader(GraphRead& out) : graph_(out.graph), errors_(out.errors) {}

  bool header_seen = false;
  std::vector<int> open_subgraphs;  // their lines

  // False after an error.
  bool read_line(std::string_view line, int line_no) {
    line_ = line;
    pos_ = 0;
    line_no_ = line_no;
    skip_spaces();
    if (at_end_of_statements()) return true;
    if (!header_seen && !header()) return false;
    return statements();
  }

  bool fail_at(int line, int column, std::string message) {
    errors_.push_back({line, column, std::move(message)});
    return false;
  }

 private:
  Graph& graph_;
  std::vector<MermaidError>& errors_;
  std::string_view line_;
  std::size_t pos_ = 0;
  int line_no_ = 1;
  std::unordered_map<std::string, int> index_;
  std::vector<char> adjacent_;  // kMaxMermaidNodes² flags: edge (from, to) seen
  long long edge_work_ = 0;

  int column(std::size_t pos) const {
    int chars = 1;
    for (std::size_t i = 0; i < pos && i < line_.size(); ++i) chars += (static_cast<unsigned char>(line_[i]) & 0xC0) != 0x80;
    return chars;
  }
  bool fail(std::size_t pos, std::string message) { return fail_at(line_no_, column(pos), std::move(message)); }
  bool at(std::string_view s) const { return line_.substr(pos_, s.size()) == s; }
  bool at_end() const { return pos_ >= line_.size(); }
  bool at_end_of_statements() const { return at_end() || at("%%"); }
  void skip_spaces() {
    while (!at_end() && is_space(line_[pos_])) ++pos_;
  }
  std::string_view read_id() {
    const std::size_t start = pos_;
    while (!at_end() && is_id_char(line_[pos_])) ++pos_;
    return line_.substr(start, pos_ - start);
  }
  std::string preview() const {
    std::string_view rest = line_.substr(pos_, 12);
    return "`" + std::string(rest) + (line_.size() - pos_ > 12 ? "…`" : "`");
  }

  bool header() {
    const std::size_t start = pos_;
    const std::string_view word = read_id();
    if (word != "graph" && word != "flowchart") {
      pos_ = start;
      return fail(start, "expected `graph LR` (or `flowchart LR`) before the network, got " + preview());
    }
    skip_spaces();
    const std::size_t dir_pos = pos_;
    const std::string_view dir = read_id();
    if (!dir.empty() && dir != "LR" && dir != "RL" && dir != "TD" && dir != "TB" && dir != "BT") {
      return fail(dir_pos, "unknown direction `" + std::string(dir) + "`; expected LR, RL, TD, TB or BT");
    }
    header_seen = true;
    graph_.header_line = line_no_;
    return true;
  }

  bool statements() {
    while (true) {
      skip_spaces();
      if (at_end_of_statements()) return true;
      if (line_[pos_] == ';') {
        ++pos_;
        continue;
      }
      if (!statement()) return false;
      skip_spaces();
      if (at_end_of_statements()) return true;
      if (line_[pos_] != ';') return fail(pos_, "unexpected " + preview() + "; expected an edge `-->`, `;` or the end of the line");
    }
  }

  bool statement() {
    const std::size_t start = pos_;
    const std::string_view word = read_id();
    const bool word_alone = at_end() || is_space(line_[pos_]) || line_[pos_] == ';';
    if (word == "subgraph" && word_alone) {
      open_subgraphs.push_back(line_no_);
      pos_ = line_.size();  // the title, whatever it is
      return true;
    }
    if (word == "end" && word_alone) {
      if (open_subgraphs.empty()) return fail(start, "`end` without a `subgraph` to close");
      open_subgraphs.pop_back();
      return true;
    }
    for (const char* ignored : kIgnoredStatements) {
      if (word == ignored && word_alone) {
        pos_ = line_.size();
        return true;
      }
    }
    pos_ = start;
    std::vector<int> group;
    if (!node_group(group)) return false;
    while (true) {
      const std::size_t save = pos_;
      skip_spaces();
      const std::size_t link_pos = pos_;
      bool found = false, visible = true;
      if (!link(found, visible)) return false;
      if (!found) {
        pos_ = save;
        return true;
      }
      skip_spaces();
      std::vector<int> next;
      if (!node_group(next)) return false;
      if (visible && !add_edges(group, next, link_pos)) return false;
      group = std::move(next);
    }
  }

  bool node_group(std::vector<int>& group) {
    int index = 0;
    if (!node(index)) return false;
    group.push_back(index);
    while (true) {
      const std::size_t save = pos_;
      skip_spaces();
      if (at_end() || line_[pos_] != '&') {
        pos_ = save;
        return true;
      }
      ++pos_;
      skip_spaces();
      if (!node(index)) return false;
      group.push_back(index);
    }
  }

  bool node(int& index) {
    const std::size_t start = pos_;
    const std::string_view id = read_id();
    if (id.empty()) {
      return fail(start, at_end() ? "expected a node id (letters, digits, _) at the end of the line"
                                  : "expected a node id (letters, digits, _), got " + preview());
    }
    const std::size_t after_id = pos_;
    skip_spaces();
    const Shape* shape = nullptr;
    for (const Shape& s : kShapes) {
      if (at(s.open)) {
        shape = &s;
        break;
      }
    }
    std::string label;
    if (shape && !read_label(*shape, label)) return false;
    if (!shape) pos_ = after_id;
    if (at(":::")) {
      pos_ += 3;
      read_id();
    }
    return add_node(id, shape, label, start, index);
  }

  bool read_label(const Shape& shape, std::string& label) {
    const std::size_t open_pos = pos_;
    pos_ += std::string_view(shape.open).size();
    const std::string_view close(shape.close);
    if (!at_end() && line_[pos_] == '"') {
      const std::size_t quote = line_.find('"', pos_ + 1);
      if (quote == std::string_view::npos) return fail(pos_, "the quoted label is not closed by `\"`");
      label = std::string(unmark(line_.substr(pos_ + 1, quote - pos_ - 1)));
      pos_ = quote + 1;
      skip_spaces();
      if (!at(close)) return fail(pos_, "expected `" + std::string(close) + "` after the quoted label");
    } else {
      const std::size_t end = line_.find(close, pos_);
      if (end == std::string_view::npos) {
        return fail(open_pos, "`" + std::string(shape.open) + "` is not closed by `" + std::string(close) + "` on this line");
      }
      std::string_view text = trim(line_.substr(pos_, end - pos_));
      while (!text.empty() && (text.front() == '/' || text.front() == '\\')) text.remove_prefix(1);  // [/trapezoid/]
      while (!text.empty() && (text.back() == '/' || text.back() == '\\')) text.remove_suffix(1);
      label = std::string(unmark(text));
      pos_ = end;
    }
    pos_ += close.size();
    return true;
  }

  bool add_node(std::string_view id, const Shape* shape, const std::string& label, std::size_t pos, int& index) {
    const std::string key(id);
    auto it = index_.find(key);
    if (it == index_.end()) {
      if (int(graph_.nodes.size()) >= kMaxMermaidNodes) {
        return fail(pos, "more than " + std::to_string(kMaxMermaidNodes) + " nodes; BackpropLens imports networks of at most " +
                             std::to_string(kMaxMermaidNodes) + " units");
      }
      it = index_.emplace(key, int(graph_.nodes.size())).first;
      graph_.nodes.push_back({key, key, false, false, line_no_, column(pos)});
    }
    index = it->second;
    if (shape) {  // as in mermaid, the last declaration of a node wins
      graph_.nodes[std::size_t(index)].label = label.empty() ? key : label;
      graph_.nodes[std::size_t(index)].circle = shape->circle;
      graph_.nodes[std::size_t(index)].shaped = true;
    }
    return true;
  }

  bool add_edges(const std::vector<int>& from, const std::vector<int>& to, std::size_t link_pos) {
    if (adjacent_.empty()) adjacent_.assign(std::size_t(kMaxMermaidNodes) * kMaxMermaidNodes, 0);
    for (int a : from) {
      for (int b : to) {
        if (++edge_work_ > kMaxEdgeWork) {
          return fail(link_pos, "more than " + std::to_string(kMaxEdgeWork) + " edges written with `&`; draw a smaller network");
        }
        if (a == b) {
          const std::string& id = graph_.nodes[std::size_t(a)].id;
          return fail(link_pos, id + " --> " + id + " connects a node to itself; a network's edges go from one layer to the next");
        }
        char& seen = adjacent_[std::size_t(a) * kMaxMermaidNodes + std::size_t(b)];
        if (!seen) graph_.edges.push_back({a, b, line_no_, column(link_pos)});
        seen = 1;
      }
    }
    return true;
  }

  // An edge at pos_: -->, --->, ---, --o, --x, ==>, ===, -.->, -.-, ~~~ (invisible:
  // no edge), -- text -->, == text ==>, -. text .->; then an optional |label|.
  bool link(bool& found, bool& visible) {
    const std::size_t start = pos_;
    if (at("<-") || at("<=") || at("o--") || at("x--")) {
      return fail(start, "an edge with two heads points both ways; a network's edges go from one layer to the next (use `-->`)");
    }
    if (at("~~~")) {
      while (!at_end() && line_[pos_] == '~') ++pos_;
      found = true;
      visible = false;
    } else if (at("-.")) {
      std::size_t p = pos_ + 1;
      while (p < line_.size() && line_[p] == '.') ++p;
      if (p < line_.size() && line_[p] == '-') {
        ++p;
      } else {
        const std::size_t close = line_.find(".-", p);
        if (close == std::string_view::npos) return fail(start, "`-.` starts a dotted edge's label but no `.->` ends it");
        p = close + 2;
      }
      if (p < line_.size() && line_[p] == '>') ++p;
      pos_ = p;
      found = true;
    } else if (at("--") || at("==")) {
      const char c = line_[pos_];
      std::size_t p = pos_;
      while (p < line_.size() && line_[p] == c) ++p;
      const bool head = p < line_.size() && (line_[p] == 'o' || line_[p] == 'x') && (p + 1 >= line_.size() || !is_id_char(line_[p + 1]));
      if (p < line_.size() && line_[p] == '>') {
        ++p;
      } else if (head) {
        ++p;
      } else if (p - pos_ < 3) {  // "-- text -->"
        const std::size_t arrow = line_.find(std::string(2, c) + ">", p), open = line_.find(std::string(3, c), p);
        const std::size_t close = arrow < open ? arrow : open;
        if (close == std::string_view::npos) {
          return fail(start, std::string(2, c) + " starts an edge's label but no `" + std::string(2, c) + ">` ends it");
        }
        p = close;
        while (p < line_.size() && line_[p] == c) ++p;
        if (p < line_.size() && line_[p] == '>') ++p;
      }
      pos_ = p;
      found = true;
    }
    if (!found) return true;
    const std::size_t save = pos_;
    skip_spaces();
    if (at_end() || line_[pos_] != '|') {
      pos_ = save;
      return true;
    }
    std::size_t from = pos_ + 1;
    if (from < line_.size() && line_[from] == '"') {
      const std::size_t quote = line_.find('"', from + 1);
      if (quote == std::string_view::npos) return fail(from, "the quoted edge label is not closed by `\"`");
      from = quote + 1;
    }
    const std::size_t close = line_.find('|', from);
    if (close == std::string_view::npos) return fail(pos_, "the edge label `|…` is not closed by `|`");
    pos_ = close + 1;
    return true;
  }
};

// The first ```mermaid block (or a text that starts with a bare ``` fence): [begin, end) in lines.
void find_block(const std::vector<std::string_view>& lines, std::size_t& begin, std::size_t& end) {
  begin = 0;
  end = lines.size();
  auto fence_word = [](std::string_view line) -> std::optional<std::string> {
    line = trim(line);
    if (line.substr(0, 3) != "```") return std::nullopt;
    while (!line.empty() && line.front() == '`') line.remove_prefix(1);
    std::string word(trim(line));
    for (char& c : word) c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return word;
  };
  std::size_t first_text = 0;
  while (first_text < lines.size() && trim(lines[first_text]).empty()) ++first_text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::optional<std::string> word = fence_word(lines[i]);
    if (word && (*word == "mermaid" || (word->empty() && i == first_text))) {
      begin = i + 1;
      for (end = begin; end < lines.size() && !fence_word(lines[end]); ++end) {
      }
      return;
    }
  }
}

}  // namespace

GraphRead read_graph(std::string_view text) {
  GraphRead out;
  Reader reader(out);
  if (text.size() > kMaxMermaidBytes) {
    reader.fail_at(1, 1, over_cap("", "the text", text.size(), kMaxMermaidBytes, "the mermaid importer")->message);
    return out;
  }
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (end == text.size() && line.empty() && !lines.empty()) break;  // after the last '\n'
    lines.push_back(line);
    if (int(lines.size()) > kMaxMermaidLines) {
      reader.fail_at(kMaxMermaidLines + 1, 1, "more than " + std::to_string(kMaxMermaidLines) + " lines; this importer reads at most " +
                                                  std::to_string(kMaxMermaidLines));
      return out;
    }
    start = end + 1;
  }
  std::size_t begin = 0, end = 0;
  find_block(lines, begin, end);
  for (std::size_t i = begin; i < end; ++i) {
    if (!reader.read_line(lines[i], int(i) + 1)) return out;
  }
  const int last_line = int(end > begin ? end : begin + 1);
  if (!reader.header_seen) {
    reader.fail_at(int(std::min(begin + 1, lines.size())), 1, "no `graph LR` line: draw the network as a mermaid flowchart, e.g. `graph LR` then `I1((Input 1)) --> H1(Hidden 1)`");
  } else if (!reader.open_subgraphs.empty()) {
    reader.fail_at(reader.open_subgraphs.back(), 1, "this `subgraph` has no matching `end` (by line " + std::to_string(last_line) + ")");
  }
  return out;
}

}  // namespace bpl::mermaid
