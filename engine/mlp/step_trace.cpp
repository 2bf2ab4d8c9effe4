#include "engine/mlp/step_trace.h"

#include "engine/mlp/backprop.h"
#include "engine/core/expect.h"

namespace bpl {

template <typename Scalar>
Vector<Scalar> StepTrace<Scalar>::activations(int layer, int sample) const {
  return layer == 0 ? Vector<Scalar>(inputs.row(sample).transpose())
                    : Vector<Scalar>(layers[layer - 1].a.row(sample).transpose());
}

// ∂ℓ_s/∂W⁽ˡ⁾[j][i] = δ⁽ˡ⁾_s[j] · a⁽ˡ⁻¹⁾_s[i]
template <typename Scalar>
Matrix<Scalar> StepTrace<Scalar>::sample_weight_gradient(int layer, int sample) const {
  BPL_EXPECT(layer >= 1 && layer <= int(layers.size()), "sample_weight_gradient: layer is 1..L");
  return layers[layer - 1].delta.row(sample).transpose() * activations(layer - 1, sample).transpose();
}

template <typename Scalar>
Vector<Scalar> StepTrace<Scalar>::sample_bias_gradient(int layer, int sample) const {
  BPL_EXPECT(layer >= 1 && layer <= int(layers.size()), "sample_bias_gradient: layer is 1..L");
  return layers[layer - 1].delta.row(sample).transpose();
}

template <typename Scalar>
StepTrace<Scalar> trace_step(const Network<Scalar>& net, const Matrix<Scalar>& x,
                             const Matrix<Scalar>& targets) {
  const int batch = int(x.rows());
  BPL_EXPECT(batch >= 1 && x.cols() == net.inputs && targets.rows() == batch &&
                 targets.cols() == net.outputs(),
             "trace_step: x [B × inputs], targets [B × outputs]");
  Workspace<Scalar> ws;
  ws.reserve(net, batch);
  Gradients<Scalar> grads = zero_gradients(net);
  const Scalar total = backprop(net, x.data(), net.inputs, targets.data(), net.outputs(), batch,
                                ws, grads, {Scalar(1) / Scalar(batch), false});
  StepTrace<Scalar> trace;
  trace.inputs = x;
  trace.targets = targets;
  trace.sample_losses.assign(ws.sample_losses.begin(), ws.sample_losses.begin() + batch);
  trace.mean_loss = total / Scalar(batch);
  for (int l = 1; l <= net.depth(); ++l) {
    trace.layers.push_back({ws.z[l - 1].topRows(batch), ws.a[l - 1].topRows(batch),
                            ws.delta[l - 1].topRows(batch), grads.weights[l - 1],
                            grads.biases[l - 1]});
  }
  return trace;
}

template struct StepTrace<float>;
template struct StepTrace<double>;
template StepTrace<float> trace_step(const Network<float>&, const Matrix<float>&, const Matrix<float>&);
template StepTrace<double> trace_step(const Network<double>&, const Matrix<double>&, const Matrix<double>&);

}  // namespace bpl
