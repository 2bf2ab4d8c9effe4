#pragma once
// Networks as mermaid flowcharts, the way the seed tutorials draw them:
//   graph LR
//     subgraph Network
//       I1((Input 1))
//       H1(Hidden 1)
//       O1((Output 1))
//       I1 --> H1
//       H1 --> O1
//     end
//
// Import (mermaid_parse.cpp reads the text, mermaid_layers.cpp finds the layers):
//   accepted  an optional ```mermaid fence (the first one of a markdown text);
//             `graph` or `flowchart` with LR, RL, TD, TB or BT; `subgraph … end`
//             (nested, with or without a title); nodes ID((circle)), ID(rounded),
//             ID[box], ID([stadium]), ID[[…]], ID{…}, ID>…], quoted labels
//             ID["…"], ID:::class; edges -->, ---, ==>, -.->, --o, --x, chains
//             A --> B --> C, A & B --> C & D, labels A -->|w1| B and
//             A -- w1 --> B (ignored); `%%` comments, `;`, blank lines,
//             trailing spaces; classDef/class/style/linkStyle/click/direction
//             lines (ignored).
//   roles     by position: no incoming edge = input, no outgoing edge = output,
//             the rest hidden. Shapes must agree: a circle ((…)) is an input or an
//             output, any other shape (a box) a hidden unit, so `A(a) --> B(b)`
//             is refused (a flowchart of boxes is not a network drawing). A bare
//             id (`I1 --> H1`, never given a shape) takes its position's role,
//             unless other nodes in that role are circles.
//   layers    longest path from the inputs; the network must be a layered,
//             fully connected MLP: every unit of layer l → every unit of layer
//             l+1, nothing else.
//   caps      2000 lines, 256 KiB, 500 nodes, 15 hidden layers.
// Export: the seed's style (above); several hidden layers are H<l>_<k>(Hidden l.k);
// optionally the weights on the edges: I1 -->|w1 = 0.42| H1 (mermaid's
// `A -->|text| B`; a label with other characters than letters, digits, spaces,
// '.', '=' and '_' is quoted: -->|"W1[0][1] = -0.5"|).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/input_limits.h"  // kMaxMermaidBytes
#include "engine/mlp/network.h"

namespace bpl {

inline constexpr int kMaxMermaidLines = 2000;
inline constexpr int kMaxMermaidNodes = 500;

struct MermaidError {
  int line = 1;    // 1-based, in the whole text given
  int column = 1;  // 1-based, in characters
  std::string message;
};
std::string to_string(const MermaidError& error);  // "line 3, column 5: …"

struct MermaidNetwork {
  int inputs = 0;
  std::vector<int> hidden;  // unit counts, first hidden layer first
  int outputs = 0;
  // Per layer (inputs, hidden…, outputs), in order of first appearance in the text.
  std::vector<std::vector<std::string>> ids;
  std::vector<std::vector<std::string>> labels;  // the label, or the id when the node has none
};

struct MermaidImport {
  std::optional<MermaidNetwork> value;
  std::vector<MermaidError> errors;  // when there is no value; first one first
  bool ok() const { return value.has_value(); }
};

MermaidImport parse_mermaid_network(std::string_view text);

struct MermaidExportOptions {
  bool fence = false;          // wrap in ```mermaid … ```
  // One `A & B --> C & D` line per pair of layers (ignored with weights): the
  // form that re-imports for networks with more than 2000 nodes + edges.
  bool compact = false;
  bool weights = false;        // Network overload: the weight on each edge
  int weight_digits = 3;       // significant digits of those weights
};

// Units per layer from the shape: inputs, then each layer's units.
std::string network_to_mermaid(const NetworkShape& shape, const MermaidExportOptions& options = {});
template <typename Scalar>
std::string network_to_mermaid(const Network<Scalar>& net, const MermaidExportOptions& options = {});

}  // namespace bpl
