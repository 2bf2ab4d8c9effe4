#include "engine/train_step.h"

namespace bpl {

template <typename Scalar>
Scalar train_step(Network<Scalar>& net, Optimizer<Scalar>& optimizer, const Scalar* x, int ldx,
                  const Scalar* targets, int ldt, int batch, const RegularizationSettings& reg,
                  Workspace<Scalar>& ws, Gradients<Scalar>& grads) {
  const Scalar loss_sum = backprop(net, x, ldx, targets, ldt, batch, ws, grads,
                                   {Scalar(1) / Scalar(batch), false});
  add_regularization_gradient(net, reg, grads);
  optimizer.step(net, grads);
  return loss_sum / Scalar(batch);
}

template float train_step(Network<float>&, Optimizer<float>&, const float*, int, const float*,
                          int, int, const RegularizationSettings&, Workspace<float>&,
                          Gradients<float>&);
template double train_step(Network<double>&, Optimizer<double>&, const double*, int,
                           const double*, int, int, const RegularizationSettings&,
                           Workspace<double>&, Gradients<double>&);

}  // namespace bpl
