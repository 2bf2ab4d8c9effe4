// TEMPORARY until the grad command lands (replaced by its owner).
#include <ostream>
#include "engine/cli/commands.h"
namespace bpl::cli {
int run_grad(const GradOptions&, std::ostream&, std::ostream& err) {
  err << "error: bp grad is not built yet\n";
  return 2;
}
}  // namespace bpl::cli
