// `bp`: the engine on the command line, for tutorial authors.
#include "engine/cli/commands.h"

#include <CLI/CLI.hpp>
#include <cstring>
#include <ostream>
#include <string>
#include <vector>

#include "version.h"

namespace bpl::cli {

namespace {

// `bp expr "-x^2 + y" …`: CLI11 reads any argument that starts with '-' as an option.
// The first argument of `expr` that is neither an option nor an option's value is
// the expression; it moves behind "--", where CLI11 takes everything as positional.
std::vector<std::string> expression_after_separator(int argc, const char* const* argv) {
  std::vector<std::string> args(argv, argv + argc);
  if (argc < 3 || args[1] != "expr") return args;
  const auto takes_value = [](const std::string& a) { return a == "--at" || a == "--format"; };
  const auto is_option = [&](const std::string& a) {
    return takes_value(a) || a == "-h" || a == "--help" || a == "--" || a.rfind("--at=", 0) == 0 ||
           a.rfind("--format=", 0) == 0;
  };
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--") return args;  // the user separated it already
    if (is_option(args[i])) {
      if (takes_value(args[i])) ++i;
      continue;
    }
    if (args[i].empty() || args[i][0] != '-') return args;
    std::string expression = args[i];
    args.erase(args.begin() + std::ptrdiff_t(i));
    args.push_back("--");
    args.push_back(expression);
    return args;
  }
  return args;
}

}  // namespace

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
  train_cmd->add_option("--model", train.model_path,
                        "MODEL.json: start from this network and its weights (the config gives the rest)");
  train_cmd->add_option("--save-model", train.save_model_path, "write the final model as MODEL.json");

  ExprOptions expr;
  auto* expr_cmd = app.add_subcommand("expr", "Value, gradient and derivation of f(x,y) at a point");
  expr_cmd->add_option("expression", expr.expression, "the expression, e.g. \"(x^2 + x*y) * y^3\"")->required();
  expr_cmd->add_option("--at", expr.at, "the point, e.g. x=1,y=2 (every variable the expression uses)");
  expr_cmd->add_option("--format", expr.format, "json | text | latex | markdown")
      ->check(CLI::IsMember({"json", "text", "latex", "markdown"}));

  std::vector<std::string> args = expression_after_separator(argc, argv);
  std::vector<const char*> arg_pointers;
  for (const std::string& a : args) arg_pointers.push_back(a.c_str());
  try {
    app.parse(int(arg_pointers.size()), arg_pointers.data());
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
