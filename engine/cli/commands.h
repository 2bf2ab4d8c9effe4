#pragma once
// The `bp` subcommands. Each reads its options, writes its result to `out`
// and one-line errors ("error: <field>: <message>") to `err`, and returns
// the process exit code: 0 on success, 1 when the numbers are not finite
// (overflow, divergence), 2 on bad input. No exceptions escape.
#include <iosfwd>
#include <string>

namespace bpl::cli {

struct GradOptions {
  std::string model_path;  // MODEL.json
  std::string data_path;   // DATA.json
};
int run_grad(const GradOptions& options, std::ostream& out, std::ostream& err);

struct TrainOptions {
  std::string config_path;      // training config JSON
  std::string model_path;       // optional: MODEL.json with the network and its initial weights
  std::string save_model_path;  // optional: write the final model as MODEL.json
};
int run_train(const TrainOptions& options, std::ostream& out, std::ostream& err);

struct ExprOptions {
  std::string expression;
  std::string at;               // "x=1,y=2": every variable the expression uses
  std::string format = "text";  // json | text | latex | markdown
};
int run_expr(const ExprOptions& options, std::ostream& out, std::ostream& err);

// The whole command line: parses argv and dispatches. Used by main() and the tests.
int run_bp(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace bpl::cli
