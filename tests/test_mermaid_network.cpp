#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/formats/mermaid_network.h"
#include "mlp_testing.h"

using namespace bpl;

namespace {

// Verbatim from the seed tutorial 000 (trailing spaces, a blank line of spaces, the subgraph).
const char* const kSeedBlock =
    "```mermaid\n"
    "graph LR\n"
    "  subgraph Network\n"
    "    I1((Input 1))\n"
    "    I2((Input 2))\n"
    "    H1(Hidden 1)\n"
    "    H2(Hidden 2)\n"
    "    O1((Output 1))\n"
    "    \n"
    "    I1 --> H1\n"
    "    I1 --> H2\n"
    "    I2 --> H1 \n"
    "    I2 --> H2\n"
    "    H1 --> O1\n"
    "    H2 --> O1\n"
    "  end\n"
    "```\n";

using Layers = std::vector<std::vector<std::string>>;

void check_2_2_1(const MermaidImport& imported) {
  for (const MermaidError& e : imported.errors) MESSAGE(to_string(e));
  BPL_REQUIRE(imported.ok());
  CHECK(imported.value->inputs == 2);
  CHECK(imported.value->hidden == std::vector<int>{2});
  CHECK(imported.value->outputs == 1);
}

std::string errors_text(const MermaidImport& imported) {
  std::string text;
  for (const MermaidError& e : imported.errors) text += to_string(e) + "\n";
  return text;
}

NetworkShape shape_of(int inputs, const std::vector<int>& units) {
  return testing::make_shape(inputs, units, Activation::relu, Activation::sigmoid, Loss::bce);
}

}  // namespace

TEST_CASE("mermaid_network: the seed's block imports as the 2-2-1 network") {
  SUBCASE("the fenced block as written") {
    const MermaidImport imported = parse_mermaid_network(kSeedBlock);
    check_2_2_1(imported);
    BPL_REQUIRE(imported.ok());
    CHECK(imported.value->ids == Layers{{"I1", "I2"}, {"H1", "H2"}, {"O1"}});
    CHECK(imported.value->labels == Layers{{"Input 1", "Input 2"}, {"Hidden 1", "Hidden 2"}, {"Output 1"}});
  }
  SUBCASE("inside the tutorial's markdown: the first mermaid block") {
    check_2_2_1(parse_mermaid_network(std::string("## 3 网络结构\n\n下面是网络:\n\n") + kSeedBlock + "\n```mermaid\ngraph LR\n  A --> B\n```\n"));
  }
  SUBCASE("without the fence, with CRLF line ends") {
    std::string text = std::string(kSeedBlock).substr(11);  // after "```mermaid\n"
    text = text.substr(0, text.size() - 4);                  // before "```\n"
    std::string crlf;
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    check_2_2_1(parse_mermaid_network(crlf));
  }
}

TEST_CASE("mermaid_network: export writes the seed's style") {
  // The seed block above with its trailing spaces removed.
  const std::string expected =
      "graph LR\n  subgraph Network\n    I1((Input 1))\n    I2((Input 2))\n    H1(Hidden 1)\n    H2(Hidden 2)\n"
      "    O1((Output 1))\n\n    I1 --> H1\n    I1 --> H2\n    I2 --> H1\n    I2 --> H2\n    H1 --> O1\n    H2 --> O1\n  end\n";
  CHECK(network_to_mermaid(shape_of(2, {2, 1})) == expected);
  MermaidExportOptions fenced;
  fenced.fence = true;
  CHECK(network_to_mermaid(shape_of(2, {2, 1}), fenced) == "```mermaid\n" + expected + "```\n");
  MermaidExportOptions compact;
  compact.compact = true;
  CHECK(network_to_mermaid(shape_of(2, {2, 1}), compact).find("    I1 & I2 --> H1 & H2\n    H1 & H2 --> O1\n") != std::string::npos);
  SUBCASE("several hidden layers are H<l>_<k>") {
    const std::string text = network_to_mermaid(shape_of(1, {2, 1, 1}));
    CHECK(text.find("    H1_2(Hidden 1.2)\n    H2_1(Hidden 2.1)\n") != std::string::npos);
    CHECK(text.find("    H1_2 --> H2_1\n") != std::string::npos);
  }
}

TEST_CASE("mermaid_network: export then import gives back the shape") {
  const std::vector<std::pair<int, std::vector<int>>> shapes = {
      {1, {1}}, {2, {1}}, {2, {2, 1}}, {3, {4, 3, 2}}, {2, {1, 1, 1, 1}}, {7, {8, 8, 2}}};
  for (const auto& [inputs, units] : shapes) {
    for (int variant = 0; variant < 3; ++variant) {
      MermaidExportOptions options;
      options.compact = variant == 1;
      options.weights = variant == 2;
      Rng rng(3);
      const Network<float> net = testing::random_network(shape_of(inputs, units), rng).cast<float>();
      const MermaidImport imported = parse_mermaid_network(network_to_mermaid(net, options));
      CAPTURE(variant);
      CHECK_MESSAGE(imported.ok(), errors_text(imported));
      if (!imported.ok()) continue;
      CHECK(imported.value->inputs == inputs);
      CHECK(imported.value->hidden == std::vector<int>(units.begin(), units.end() - 1));
      CHECK(imported.value->outputs == units.back());
      CHECK(imported.value->labels.front().front() == "Input 1");
    }
  }
}

TEST_CASE("mermaid_network: weights on the edges use the seed's names") {
  Network<double> net = make_network<double>(shape_of(2, {2, 1}));
  // Row j holds the weights into unit j (engine/mlp/parameter_names.h): w1 = W1[0][0] x1→h1,
  // w3 = W1[0][1] x2→h1, w2 = W1[1][0] x1→h2, w4 = W1[1][1] x2→h2; w5, w6 = W2[0][0], W2[0][1].
  net.layers[0].weights << 0.15, 0.2, -0.25, 0.3;
  net.layers[1].weights << 0.4, 0.5;
  MermaidExportOptions options;
  options.weights = true;
  const std::string text = network_to_mermaid(net, options);
  CHECK(text.find("    I1 -->|w1 = 0.15| H1\n    I1 -->|\"w2 = -0.25\"| H2\n    I2 -->|w3 = 0.2| H1\n") != std::string::npos);
  CHECK(text.find("    H2 -->|w6 = 0.5| O1\n") != std::string::npos);
  SUBCASE("other networks use W<l>[j][i], quoted") {
    const std::string bigger = network_to_mermaid(make_network<double>(shape_of(3, {2, 1})), options);
    CHECK(bigger.find("    I3 -->|\"W1[1][2] = 0\"| H2\n") != std::string::npos);
  }
}

TEST_CASE("mermaid_network: the flowchart syntax a tutorial may use") {
  const char* const texts[] = {
      "flowchart TD\n  I1((x1)) & I2((x2)) --> H1[h1] & H2[h2]\n  H1 & H2 --> O1((y))\n",
      "graph LR;I1((a))-->H1;I1-->H2;I2((b))-->H1;I2-->H2;H1-->O1((y));H2-->O1\n",
      "graph TB\n  I1 --> H1 --> O1\n  I2 --> H2 --> O1\n  I1 --> H2\n  I2 --> H1\n",
      "graph LR\n  %% inputs\n  I1 ---|w1| H1\n  I1 -- w2 --> H2\n  I2 -->|\"w3 = 0.2\"| H1\n  I2 ==> H2\n"
      "  H1 -.-> O1\n  H2 --o O1\n",
      "graph LR\n  subgraph Inputs [The inputs]\n    I1((\"x₁\")):::in\n    I2((x₂))\n  end\n"
      "  subgraph outer\n    subgraph inner\n      H1{{h1}} & H2>h2]\n    end\n  end\n"
      "  classDef in fill:#fff\n  style H1 stroke:#333\n  I1 & I2 --> H1 & H2 --> O1((y))\n  linkStyle 0 stroke:red\n",
      "graph LR\n  输入1((x1)) & 输入2((x2)) --> 隐藏1(h1) & 隐藏2(h2)\n  隐藏1 & 隐藏2 --> 输出((y))\n  输入1 ~~~ 输出\n",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    check_2_2_1(parse_mermaid_network(text));
  }
  SUBCASE("labels: quoted, markdown, none") {
    const MermaidImport imported = parse_mermaid_network("graph LR\n  A((\"x (in)\")) --> B[\"`**h**`\"] --> C\n");
    BPL_REQUIRE(imported.ok());
    CHECK(imported.value->labels == Layers{{"x (in)"}, {"**h**"}, {"C"}});
  }
}

TEST_CASE("mermaid_network: errors give the line, the column and what to do") {
  // The seed's network without its fence; line 1 is `graph LR`, the declarations are lines 3-7.
  const std::string head = "graph LR\n  subgraph Network\n    I1((Input 1))\n    I2((Input 2))\n    H1(Hidden 1)\n"
                           "    H2(Hidden 2)\n    O1((Output 1))\n";
  const std::string edges = "    I1 --> H1\n    I1 --> H2\n    I2 --> H2\n    H1 --> O1\n    H2 --> O1\n";  // no I2 --> H1
  std::string many_lines = "graph LR\n  A --> B\n";
  for (int i = 0; i < kMaxMermaidLines; ++i) many_lines += "%% comment\n";
  std::string many_nodes = "graph LR\n";
  for (int i = 0; i <= kMaxMermaidNodes; ++i) many_nodes += "  N" + std::to_string(i) + "\n";
  std::string deep = "graph LR\n  L0";
  for (int l = 1; l <= 17; ++l) deep += " --> L" + std::to_string(l);  // 16 hidden layers
  struct Row {
    std::string text;
    int line, column;
    const char* fragment;
  };
  const Row rows[] = {
      {head + edges + "  end\n", 5, 5, "H1 has no edge from I2: BackpropLens networks are fully connected between layers (add `I2 --> H1`)"},
      {head + edges + "    I2 --> H1\n    I1 --> O1\n  end\n", 14, 8, "I1 --> O1 skips a layer"},
      {head + edges + "    I2 --> H1\n    O1 --> H1\n  end\n", 14, 8, "cycle"},
      {head + edges + "    I2 --> H1\n    H3(Hidden 3)\n  end\n", 14, 5, "H3 has no edges"},
      {head + edges + "    I2 --> H1\n    H3(Hidden 3) --> O1\n  end\n", 14, 5, "H3 has no incoming edge"},
      {head + edges + "    I2 --> H1\n    I1 --> H3(Hidden 3)\n  end\n", 14, 12, "H3 has no outgoing edge"},
      {head + edges + "    I2 --> H1\n    H1 --> H1\n  end\n", 14, 8, "connects a node to itself"},
      {head + edges + "    I2 --> H1\n", 2, 1, "no matching `end`"},
      {"graph LR\n  A --> B\n  end\n", 3, 3, "`end` without a `subgraph`"},
      // Shapes agree with positions: circles are inputs and outputs, boxes hidden units.
      {"graph LR\n A(a) --> B(b)\n B --> C(c)\n", 2, 2, "A has no incoming edge, so it would be an input, but it is drawn as a box"},
      {"graph LR\n A((a)) --> B(b)\n B --> C(c)\n", 3, 8, "C has no outgoing edge, so it would be an output, but it is drawn as a box"},
      {"graph LR\n I([x1]) --> H(h) --> O((y))\n", 2, 2, "I has no incoming edge, so it would be an input, but it is drawn as a box"},
      {"graph LR\n I((x)) --> H((h)) --> O((y))\n", 2, 13, "H is drawn as a circle, which marks an input or an output"},
      {"  I1 --> H1\n", 1, 3, "expected `graph LR`"},
      {"", 1, 1, "no `graph LR` line"},
      {"graph XY\n", 1, 7, "unknown direction `XY`"},
      {"graph LR\n  I1((Input 1) --> H1\n", 2, 5, "`((` is not closed by `))`"},
      {"graph LR\n  I1 <--> H1\n", 2, 6, "points both ways"},
      {"graph LR\n  I1 --> H1 !!\n", 2, 13, "unexpected `!!`"},
      {"graph LR\n  I1 -->\n", 2, 9, "expected a node id"},
      {"graph LR\n  I1 -- w1 H1\n", 2, 6, "no `-->` ends it"},
      {"graph LR\n  I1 -->|w1 H1\n", 2, 9, "not closed by `|`"},
      {"graph LR\n  I1((x)) & I2((y))\n", 1, 1, "no edges"},
      {"graph LR\n  输入1((x1)) --> H1 ?\n", 2, 20, "unexpected `?`"},
      {many_lines, kMaxMermaidLines + 1, 1, "more than 2000 lines"},
      {many_nodes, kMaxMermaidNodes + 2, 3, "more than 500 nodes"},
      {deep, 1, 1, "16 hidden layers; BackpropLens networks have at most 15"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text.substr(0, 200));
    const MermaidImport imported = parse_mermaid_network(row.text);
    CHECK_FALSE(imported.ok());
    BPL_REQUIRE(!imported.errors.empty());
    const MermaidError& e = imported.errors.front();
    CHECK_MESSAGE(e.message.find(row.fragment) != std::string::npos, to_string(e));
    CHECK(e.line == row.line);
    CHECK(e.column == row.column);
  }
}
