#pragma once
// The one helper of the derivation tests: a derivation the way the web app makes one
// (web/network_demo.cpp): check the request, trace the sample and the batch, derive.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/derivation/weight_derivation.h"

namespace bpl::testing {

// A network on the seed's four XOR points (xor4), the nets the derivation tests derive on.
inline TrainConfig xor4_config(std::vector<int> hidden, Activation act, Activation output, Loss loss) {
  TrainConfig c;
  c.dataset = DatasetKind::xor4;
  c.hidden = std::move(hidden);
  c.activation = act;
  c.output_activation = output;
  c.loss = loss;
  return c;
}

// The traces a derivation reads, computed from the trainer at its current weights.
struct TrainerTraces {
  Network<double> net;
  StepTrace<double> sample, batch;
  RegularizationSettings regularization;

  TrainerTraces(const Trainer& t, int sample_index)
      : net(t.network().cast<double>()),
        sample(*t.trace_sample(sample_index).value),
        batch(t.trace_batch()),
        regularization(t.config().regularization_settings()) {}
  DerivationInputs inputs(int sample_index) const { return {net, sample, sample_index, batch, regularization}; }
};

// A rejected request is reported and gives an empty derivation (no paths, no lines).
inline WeightDerivation derive(const Trainer& t, const std::string& id, int sample = -1) {
  const Result<DerivationRequest> request = check_derivation_request(t, id, sample);
  CHECK_MESSAGE(request.ok(), "the derivation of ", id, " at sample ", sample, " was rejected");
  if (!request.ok()) return WeightDerivation{};
  const TrainerTraces traces(t, request.value->sample);
  return derive_weight(traces.inputs(request.value->sample), request.value->parameter);
}

}  // namespace bpl::testing
