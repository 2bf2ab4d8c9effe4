// `bp`: the engine on the command line, for tutorial authors.
#include "engine/cli/commands.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "version.h"

namespace bpl::cli {

int run_bp(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"bp: BackpropLens engine on the command line (version " BPL_VERSION ")", "bp"};
  app.require_subcommand(1);

  GradOptions grad;
  auto* grad_cmd = app.add_subcommand("grad", "Print the batch-mean loss and dL/dparameter as JSON");
  grad_cmd->add_option("--model", grad.model_path, "MODEL.json: inputs, layers, loss")->required();
  grad_cmd->add_option("--data", grad.data_path, "DATA.json: {\"x\": [[...]], \"y\": [[...]]}")->required();

  TrainOptions train;
  auto* train_cmd = app.add_subcommand("train", "Train from a config; one JSON line per epoch");
  train_cmd->add_option("--config", train.config_path, "training config JSON")->required();
  train_cmd->add_option("--save-model", train.save_model_path, "write the final model as MODEL.json");

  ExprOptions expr;
  auto* expr_cmd = app.add_subcommand("expr", "Value, gradient and derivation of f(x,y) at a point");
  expr_cmd->add_option("expression", expr.expression, "the expression, e.g. \"(x^2 + x*y) * y^3\"")->required();
  expr_cmd->add_option("--at", expr.at, "the point, e.g. x=1,y=2");
  expr_cmd->add_option("--format", expr.format, "json | text | latex | markdown")
      ->check(CLI::IsMember({"json", "text", "latex", "markdown"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e, out, err);
      return 0;
    }
    err << "error: " << e.what() << "\n";
    return 2;
  }
  if (*grad_cmd) return run_grad(grad, out, err);
  if (*train_cmd) return run_train(train, out, err);
  return run_expr(expr, out, err);
}

}  // namespace bpl::cli
