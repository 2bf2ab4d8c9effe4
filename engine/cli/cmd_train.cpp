// TEMPORARY until the train command lands (replaced by its owner).
#include <ostream>
#include "engine/cli/commands.h"
namespace bpl::cli {
int run_train(const TrainOptions&, std::ostream&, std::ostream& err) {
  err << "error: bp train is not built yet\n";
  return 2;
}
}  // namespace bpl::cli
