#pragma once
// One derivation kept for a (weights version, parameter, sample): the derivation panel, the JS
// API's derivation() and the LaTeX export all read this one, so derive_weight runs once per
// change of any of the three, however many readers ask in a frame.
#include <functional>
#include <optional>

#include "engine/derivation/weight_derivation.h"

namespace bpl {

struct DerivationKey {
  long weights_version = -1;  // the owner's count of weight and data changes
  ParameterRef parameter;
  int sample = 0;             // an index into dataset().train
};

class DerivationCache {
 public:
  // The derivation for `key`: `derive` runs only when the one kept is for another key. With
  // `keep_older`, one of the same parameter and sample at older weights is kept instead (a
  // costly derivation while training waits for a pause).
  const WeightDerivation& get(const DerivationKey& key, const std::function<WeightDerivation()>& derive,
                              bool keep_older = false);
  // The one kept is for `key`, at key's weights.
  bool current(const DerivationKey& key) const;
  long long computed() const { return computed_; }  // times `derive` ran

 private:
  std::optional<DerivationKey> key_;
  WeightDerivation derivation_;
  long long computed_ = 0;
};

}  // namespace bpl
