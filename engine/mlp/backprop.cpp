#include "engine/mlp/backprop.h"

#include <algorithm>

#include "engine/core/expect.h"
#include "engine/mlp/linalg.h"
#include "engine/mlp/loss.h"

namespace bpl {

template <typename Scalar>
void Workspace<Scalar>::reserve(const Network<Scalar>& net, int batch_capacity) {
  BPL_EXPECT(batch_capacity >= 1, "a workspace holds at least one row");
  const int depth = net.depth();
  bool fits = batch_capacity <= capacity && int(z.size()) == depth;
  for (int l = 1; fits && l <= depth; ++l) fits = z[l - 1].cols() == net.units(l);
  if (fits) return;
  capacity = std::max(batch_capacity, capacity);
  z.resize(depth);
  a.resize(depth);
  delta.resize(depth);
  for (int l = 1; l <= depth; ++l) {
    z[l - 1].resize(capacity, net.units(l));
    a[l - 1].resize(capacity, net.units(l));
    delta[l - 1].resize(capacity, net.units(l));
  }
  sample_losses.resize(capacity);
}

template <typename Scalar>
void forward(const Network<Scalar>& net, const Scalar* x, int ldx, int batch, Workspace<Scalar>& ws) {
  BPL_EXPECT(batch >= 1 && batch <= ws.capacity, "forward: batch must fit the workspace");
  BPL_EXPECT(int(ws.z.size()) == net.depth(), "forward: workspace not reserved for this network");
  const Scalar* previous = x;  // A⁽ˡ⁻¹⁾
  int ld_previous = ldx;
  for (int l = 1; l <= net.depth(); ++l) {
    const Layer<Scalar>& layer = net.layers[l - 1];
    const int units = net.units(l);
    const int units_in = net.units(l - 1);
    Scalar* z = ws.z[l - 1].data();
    Scalar* a = ws.a[l - 1].data();
    // Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾·W⁽ˡ⁾ᵀ + b⁽ˡ⁾;  A⁽ˡ⁾ = σ(Z⁽ˡ⁾)
    linalg::dense_forward(batch, units, units_in, previous, ld_previous, layer.weights.data(),
                          units_in, layer.biases.data(), z, units, a, units, layer.activation,
                          net.leaky_slope);
    previous = a;
    ld_previous = units;
  }
}

template <typename Scalar>
Scalar evaluate_loss_sum(const Network<Scalar>& net, const Scalar* x, int ldx, const Scalar* targets,
                         int ldt, int batch, Workspace<Scalar>& ws) {
  // Rows of x and of the targets hold at least one value per input and per output.
  BPL_EXPECT(ldx >= net.inputs && ldt >= net.outputs(), "evaluate_loss_sum: x or target rows too narrow");
  forward(net, x, ldx, batch, ws);
  const int outputs = net.outputs();
  return loss_sum(net.loss, batch, outputs, ws.z.back().data(), outputs, ws.a.back().data(),
                  outputs, targets, ldt, ws.sample_losses.data());
}

template <typename Scalar>
Scalar backprop(const Network<Scalar>& net, const Scalar* x, int ldx, const Scalar* targets,
                int ldt, int batch, Workspace<Scalar>& ws, Gradients<Scalar>& grads,
                GradientScale<Scalar> how) {
  BPL_EXPECT(int(grads.weights.size()) == net.depth(), "backprop: gradients not shaped for this network");
  const Scalar total_loss = evaluate_loss_sum(net, x, ldx, targets, ldt, batch, ws);
  const int depth = net.depth();
  const int outputs = net.outputs();
  const Layer<Scalar>& output_layer = net.layers.back();
  Scalar* output_delta = ws.delta.back().data();
  // δ⁽ᴸ⁾ = ∂ℓ/∂z⁽ᴸ⁾: straight from bce / softmax_ce, else ∂ℓ/∂a⁽ᴸ⁾ ⊙ σ'(z⁽ᴸ⁾).
  loss_gradient(net.loss, batch, outputs, ws.a.back().data(), outputs, targets, ldt, output_delta,
                outputs);
  if (!loss_gradient_is_delta(net.loss)) {
    linalg::activation_backward(batch, outputs, ws.z.back().data(), outputs, ws.a.back().data(),
                                outputs, output_delta, outputs, output_delta, outputs,
                                output_layer.activation, net.leaky_slope);
  }
  const Scalar beta = how.accumulate ? Scalar(1) : Scalar(0);
  for (int l = depth; l >= 1; --l) {
    const Layer<Scalar>& layer = net.layers[l - 1];
    const int units = net.units(l);
    const int units_in = net.units(l - 1);
    const Scalar* delta = ws.delta[l - 1].data();
    const Scalar* previous = l == 1 ? x : ws.a[l - 2].data();  // A⁽ˡ⁻¹⁾
    const int ld_previous = l == 1 ? ldx : units_in;
    // ∂L/∂W⁽ˡ⁾ = scale·δ⁽ˡ⁾ᵀ·A⁽ˡ⁻¹⁾;  ∂L/∂b⁽ˡ⁾ = scale·Σ_s δ⁽ˡ⁾_s
    linalg::dense_weight_gradients(batch, units, units_in, how.scale, delta, units, previous,
                                   ld_previous, beta, grads.weights[l - 1].data(), units_in,
                                   grads.biases[l - 1].data());
    if (l > 1) {
      // δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾·W⁽ˡ⁾) ⊙ σ'(Z⁽ˡ⁻¹⁾)
      linalg::dense_input_delta(batch, units, units_in, delta, units, layer.weights.data(),
                                units_in, ws.z[l - 2].data(), units_in, ws.a[l - 2].data(),
                                units_in, ws.delta[l - 2].data(), units_in,
                                net.layers[l - 2].activation, net.leaky_slope);
    }
  }
  return total_loss;
}

template <typename Scalar>
Scalar mean_loss_and_gradients(const Network<Scalar>& net, const Matrix<Scalar>& x,
                               const Matrix<Scalar>& targets, Gradients<Scalar>& grads) {
  const int batch = int(x.rows());
  BPL_EXPECT(batch >= 1 && x.cols() == net.inputs && targets.rows() == batch &&
                 targets.cols() == net.outputs(),
             "mean_loss_and_gradients: x [B × inputs], targets [B × outputs]");
  Workspace<Scalar> ws;
  ws.reserve(net, batch);
  grads = zero_gradients(net);
  const Scalar total = backprop(net, x.data(), net.inputs, targets.data(), net.outputs(), batch,
                                ws, grads, {Scalar(1) / Scalar(batch), false});
  return total / Scalar(batch);
}

#define BPL_INSTANTIATE(Scalar)                                                                  \
  template struct Workspace<Scalar>;                                                             \
  template void forward(const Network<Scalar>&, const Scalar*, int, int, Workspace<Scalar>&);   \
  template Scalar evaluate_loss_sum(const Network<Scalar>&, const Scalar*, int, const Scalar*,  \
                                    int, int, Workspace<Scalar>&);                              \
  template Scalar backprop(const Network<Scalar>&, const Scalar*, int, const Scalar*, int, int, \
                           Workspace<Scalar>&, Gradients<Scalar>&, GradientScale<Scalar>);      \
  template Scalar mean_loss_and_gradients(const Network<Scalar>&, const Matrix<Scalar>&,        \
                                          const Matrix<Scalar>&, Gradients<Scalar>&);
BPL_INSTANTIATE(float)
BPL_INSTANTIATE(double)
#undef BPL_INSTANTIATE

}  // namespace bpl
