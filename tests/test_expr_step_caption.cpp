#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/expr/step_caption.h"
#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::parse_ok;

namespace {

// The seed f = (x² + x·y)·y³ at (1, 2), by hand (002, §4.3). The parser names the inner nodes
// in the order it makes them: u = x², v = x·y, w = u + v, z = y³, and f = w·z; backward takes
// them from the root down: f, z, w, v, u. Values: u = 1, v = 2, w = 3, z = 8, f = 24.
//   f = w·z   ∂f/∂w = z = 8, ∂f/∂z = w = 3
//   z = y³    ∂z/∂y = 3y² = 12: ∂f/∂y = 3·12 = 36
//   w = u + v ∂f/∂u = ∂f/∂v = 8
//   v = x·y   ∂f/∂x = 8·y = 16, ∂f/∂y = 36 + 8·x = 44
//   u = x²    ∂f/∂x = 16 + 8·2x = 32
const std::vector<std::string> kSeedCaptions = {
    "Forward pass done: f = 24. Backward starts at f with ∂f/∂f = 1. Each backward step takes one node, whose "
    "∂f/∂node is complete, and passes ∂f/∂node × (local derivative) to each of its inputs; 5 steps reach x and y.",
    "Step 1 of 5, node f = w·z: ∂f/∂f = 1 is complete, since everything that uses f has passed its share back. "
    "∂f/∂w += ∂f/∂f × ∂f/∂w = 1 × 8 = 8, so ∂f/∂w is now 8. "
    "∂f/∂z += ∂f/∂f × ∂f/∂z = 1 × 3 = 3, so ∂f/∂z is now 3.",
    "Step 2 of 5, node z = y^3: ∂f/∂z = 3 is complete, since everything that uses z has passed its share back. "
    "∂f/∂y += ∂f/∂z × ∂z/∂y = 3 × 12 = 36, so ∂f/∂y is now 36. 3 is a constant: it needs no gradient.",
    "Step 3 of 5, node w = u + v: ∂f/∂w = 8 is complete, since everything that uses w has passed its share back. "
    "∂f/∂u += ∂f/∂w × ∂w/∂u = 8 × 1 = 8, so ∂f/∂u is now 8. "
    "∂f/∂v += ∂f/∂w × ∂w/∂v = 8 × 1 = 8, so ∂f/∂v is now 8.",
    "Step 4 of 5, node v = x·y: ∂f/∂v = 8 is complete, since everything that uses v has passed its share back. "
    "∂f/∂x += ∂f/∂v × ∂v/∂x = 8 × 2 = 16, so ∂f/∂x is now 16. "
    "∂f/∂y += ∂f/∂v × ∂v/∂y = 8 × 1 = 8, so ∂f/∂y is now 44.",
    "Step 5 of 5, node u = x^2: ∂f/∂u = 8 is complete, since everything that uses u has passed its share back. "
    "∂f/∂x += ∂f/∂u × ∂u/∂x = 8 × 2 = 16, so ∂f/∂x is now 32. 2 is a constant: it needs no gradient. "
    "Done: ∂f/∂x = 32, ∂f/∂y = 44, the same as one backward() call.",
};

// The marks as the labels of the nodes that have them, in node order.
std::vector<std::string> labels(const Graph& g, const std::vector<char>& marks) {
  std::vector<std::string> out;
  for (std::size_t id = 0; id < marks.size(); ++id)
    if (marks[id]) out.push_back(g.nodes[id].label);
  return out;
}

}  // namespace

TEST_CASE("expr step_caption: the seed example at (1, 2), step by step, by hand") {
  Graph g = parse_ok("(x^2 + x*y) * y^3");
  evaluate(g, 1, 2);
  BackwardStepper stepper(g);
  CHECK(step_caption(g, stepper, false) ==
        "Press Forward: every node computes its value from its inputs, leaves first, at (x, y) = (1, 2).");
  for (std::size_t k = 0; k < kSeedCaptions.size(); ++k) {
    CAPTURE(k);
    CHECK(step_caption(g, stepper, true) == kSeedCaptions[k]);
    CHECK(stepper.next(g) == (k + 1 < kSeedCaptions.size()));
  }
  stepper.prev(g);  // back to step 4: the caption follows
  CHECK(step_caption(g, stepper, true) == kSeedCaptions[4]);
}

TEST_CASE("expr step_caption: no step, and an undefined point") {
  SUBCASE("f does not vary") {
    Graph g = parse_ok("2*3");
    evaluate(g, 1, 2);
    CHECK(step_caption(g, BackwardStepper(g), true) == "f = 6 does not depend on x or y: its gradient is 0.");
  }
  SUBCASE("ln of a negative number") {
    Graph g = parse_ok("ln(x) + y");
    evaluate(g, -1, 2);
    const std::string caption = step_caption(g, BackwardStepper(g), true);
    CHECK(caption.rfind("f is undefined at (x, y) = (-1, 2): ", 0) == 0);
    CHECK(caption.find(". With no value there is no gradient to pass back; move the point.") != std::string::npos);
    const PassMarks marks = pass_marks(g, BackwardStepper(g), true);
    CHECK(labels(g, marks.processed).empty());
    CHECK(labels(g, marks.final_adjoint).empty());
  }
}

// A node's adjoint is final once every node that uses it has been processed (x is used by u and
// v, y by v and z); f's own is final from the start (∂f/∂f = 1). Constants carry none.
TEST_CASE("expr pass_marks: the seed example at (1, 2), step by step, by hand") {
  Graph g = parse_ok("(x^2 + x*y) * y^3");
  evaluate(g, 1, 2);
  BackwardStepper stepper(g);
  CHECK(labels(g, pass_marks(g, stepper, false).final_adjoint).empty());  // before Forward: nothing shown
  // In node order: x, 2, u, y, v, w, 3, z, f.
  const std::vector<std::vector<std::string>> processed = {
      {}, {"f"}, {"z", "f"}, {"w", "z", "f"}, {"v", "w", "z", "f"}, {"u", "v", "w", "z", "f"}};
  const std::vector<std::vector<std::string>> final_adjoint = {
      {"f"},
      {"w", "z", "f"},
      {"w", "z", "f"},
      {"u", "v", "w", "z", "f"},
      {"u", "y", "v", "w", "z", "f"},
      {"x", "u", "y", "v", "w", "z", "f"}};
  for (std::size_t k = 0; k < processed.size(); ++k) {
    CAPTURE(k);
    const PassMarks marks = pass_marks(g, stepper, true);
    CHECK(labels(g, marks.processed) == processed[k]);
    CHECK(labels(g, marks.final_adjoint) == final_adjoint[k]);
    stepper.next(g);
  }
}
