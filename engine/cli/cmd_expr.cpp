// TEMPORARY until the expr command lands (replaced by its owner).
#include <ostream>
#include "engine/cli/commands.h"
namespace bpl::cli {
int run_expr(const ExprOptions&, std::ostream&, std::ostream& err) {
  err << "error: bp expr is not built yet\n";
  return 2;
}
}  // namespace bpl::cli
