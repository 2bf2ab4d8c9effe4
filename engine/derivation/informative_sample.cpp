#include "engine/derivation/informative_sample.h"

#include <algorithm>
#include <cmath>

#include "engine/derivation/weight_derivation.h"
#include "engine/derivation/weight_derivation_parts.h"

namespace bpl {

int informative_sample(const Trainer& trainer, ParameterRef p, int preferred) {
  const int points = int(trainer.dataset().train.size());
  if (points == 0) return 0;
  preferred = std::clamp(preferred, 0, points - 1);
  for (int k = 0; k < std::min(points, kInformativeSampleTries); ++k) {
    const int s = (preferred + k) % points;
    const Result<StepTrace<double>> trace = trainer.trace_sample(s);
    if (!trace.ok()) return preferred;
    if (std::fabs(derivation::sample_gradient(*trace.value, 0, p)) > kTinyGradient) return s;
  }
  return preferred;
}

}  // namespace bpl
