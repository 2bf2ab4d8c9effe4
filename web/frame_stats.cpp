#include "frame_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bpl::web {

void FrameStats::add(double frame_ms) {
  samples_[next_] = frame_ms;
  next_ = (next_ + 1) % kWindow;
  count_ = std::min(count_ + 1, kWindow);
}

double FrameStats::percentile(double p) const {
  if (count_ == 0) return 0.0;
  std::vector<double> sorted(samples_.begin(), samples_.begin() + count_);
  std::sort(sorted.begin(), sorted.end());
  // Nearest-rank percentile.
  const auto rank = static_cast<std::size_t>(std::ceil(p * count_));
  return sorted[std::clamp<std::size_t>(rank, 1, count_) - 1];
}

}  // namespace bpl::web
