#include "engine/derivation/derivation_cache.h"

namespace bpl {

namespace {

bool same_request(const DerivationKey& a, const DerivationKey& b) {
  const ParameterRef p = a.parameter, q = b.parameter;
  return p.layer == q.layer && p.row == q.row && p.col == q.col && a.sample == b.sample;
}

}  // namespace

bool DerivationCache::current(const DerivationKey& key) const {
  return key_ && key_->weights_version == key.weights_version && same_request(*key_, key);
}

const WeightDerivation& DerivationCache::get(const DerivationKey& key,
                                             const std::function<WeightDerivation()>& derive, bool keep_older) {
  const bool kept = current(key) || (keep_older && key_ && same_request(*key_, key));
  if (!kept) {
    derivation_ = derive();
    key_ = key;
    ++computed_;
  }
  return derivation_;
}

}  // namespace bpl
