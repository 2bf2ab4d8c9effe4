#pragma once
// Frame-time percentiles over a sliding window, for metrics().frameMs.
#include <array>
#include <cstddef>

namespace bpl::web {

class FrameStats {
 public:
  void add(double frame_ms);
  double percentile(double p) const;  // p in [0, 1]; 0 when empty

 private:
  static constexpr std::size_t kWindow = 240;
  std::array<double, kWindow> samples_{};
  std::size_t count_ = 0;
  std::size_t next_ = 0;
};

}  // namespace bpl::web
