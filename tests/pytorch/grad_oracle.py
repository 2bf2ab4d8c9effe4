"""`bp grad` on seeded random networks against float64 autograd.

Every hidden activation × every loss, 1–5 layers, widths 1–16, several outputs for
mse and bce, softmax_ce with index, one-hot and soft (probability) targets.
"""
import json

import numpy as np
import torch

from common import Tally, normwise_error, relative_error
from torch_mlp import TorchMlp

ACTIVATIONS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "gelu"]
LOSSES = ["half_mse", "mse", "bce", "softmax_ce"]
NETS_PER_PAIR = 6  # 24 (activation, loss) pairs → 144 nets
TOLERANCE = 1e-9
# Each parameter tensor's gradient is compared normwise: ‖bp − torch‖ / ‖torch‖. Both sides
# are float64 summing the same terms in different orders, so they differ by a few ulps of
# the terms summed into an entry, not of the entry. A tensor whose gradient (nearly)
# cancels — dead relu units, saturated sigmoids, per-sample contributions cancelling over
# the batch — can thus show a large relative error from rounding alone. The floor: its
# norm is taken as at least 1e-6·‖∇L‖ (the whole gradient, the scale of those terms), so
# the tolerance still allows only 1e-15·‖∇L‖ absolute there, a few ulps. A real mistake —
# a missing σ', a 1/K or 1/B factor — moves a gradient by O(1) of its own size.
# ABSOLUTE_FLOOR keeps an all-zero gradient (every unit dead) from dividing by zero.
RELATIVE_FLOOR = 1e-6
ABSOLUTE_FLOOR = 1e-300
# The loss is a mean of positive (or for mse/half_mse non-negative) terms, so there is no
# cancellation; its floor only matters for a loss of exactly 0.
LOSS_FLOOR = 1e-300


def random_case(index):
    """(activation, loss, target kind, model, data) of net number `index`, from its own seed."""
    rng = np.random.default_rng(20240 + index)
    activation = ACTIVATIONS[index % len(ACTIVATIONS)]
    loss = LOSSES[(index // len(ACTIVATIONS)) % len(LOSSES)]
    outputs = int(rng.integers(2, 6)) if loss == "softmax_ce" else int(rng.integers(1, 5))
    # mse/half_mse can apply the activation at the output too (then depth 1 is allowed);
    # bce/softmax_ce have their own output activation, so the hidden one needs depth ≥ 2.
    mse_like = loss in ("half_mse", "mse")
    depth = int(rng.integers(1 if mse_like else 2, 6))
    if mse_like:
        output_activation = activation if rng.random() < 0.5 else str(rng.choice(ACTIVATIONS))
    else:
        output_activation = "sigmoid" if loss == "bce" else "softmax"
    inputs = int(rng.integers(1, 7))
    widths = [int(w) for w in rng.integers(1, 17, size=depth - 1)] + [outputs]
    weight_scale = float(rng.choice([0.5, 1.0, 2.0]))
    layers, fan_in = [], inputs
    for l, units in enumerate(widths):
        std = weight_scale / np.sqrt(fan_in)
        layers.append({"units": units,
                       "activation": output_activation if l == depth - 1 else activation,
                       "weights": (rng.normal(0, std, size=(units, fan_in))).tolist(),
                       "biases": rng.normal(0, 0.5, size=units).tolist()})
        fan_in = units
    model = {"inputs": inputs, "layers": layers, "loss": loss}
    if activation == "leaky_relu" and rng.random() < 0.5:
        model["leakySlope"] = float(rng.choice([0.1, 0.2, 0.3]))
    batch = int(rng.integers(1, 9))
    x = rng.normal(0, 1.5, size=(batch, inputs))
    target_kind, y = random_targets(rng, loss, batch, outputs)
    return activation, loss, target_kind, model, {"x": x.tolist(), "y": y}


def random_targets(rng, loss, batch, outputs):
    if loss in ("half_mse", "mse"):
        return "real", rng.normal(0, 1, size=(batch, outputs)).tolist()
    if loss == "bce":  # probabilities in [0, 1], with some exact 0 and 1 labels
        t = rng.random(size=(batch, outputs))
        t[rng.random(size=t.shape) < 0.3] = 0.0
        t[rng.random(size=t.shape) < 0.3] = 1.0
        return "probability", t.tolist()
    classes = rng.integers(0, outputs, size=batch)
    kind = ["index", "one_hot", "soft"][int(rng.integers(0, 3))]
    if kind == "index":
        return kind, [[int(k)] for k in classes]
    if kind == "one_hot":
        return kind, np.eye(outputs)[classes].tolist()
    soft = rng.random(size=(batch, outputs)) + 0.05
    return kind, (soft / soft.sum(axis=1, keepdims=True)).tolist()


def torch_reference(model, data):
    """(loss, [flat gradient of each parameter tensor]) by float64 autograd."""
    net = TorchMlp(model, torch.float64)
    x = torch.tensor(data["x"], dtype=torch.float64)
    if model["loss"] == "softmax_ce" and len(data["y"][0]) == 1:
        targets = torch.tensor([row[0] for row in data["y"]], dtype=torch.long)
    else:
        targets = torch.tensor(data["y"], dtype=torch.float64)
    loss = net.loss(x, targets)
    loss.backward()
    return loss.item(), [p.grad.flatten().tolist() for p in net.params]


def bp_gradients(output):
    """(loss, [flat gradient of each parameter tensor]) from `bp grad`'s JSON, in the same order."""
    result = json.loads(output)
    flat = []
    for layer in result["gradients"]:
        flat.append([g for row in layer["weights"] for g in row])
        flat.append(list(layer["biases"]))
    return result["loss"], flat


def compare(bp_result, reference):
    """(loss error, worst gradient error) as defined by the floors above."""
    bp_loss, bp_grads = bp_result
    ref_loss, ref_grads = reference
    loss_error = relative_error(bp_loss, ref_loss, LOSS_FLOOR)
    total_norm = sum(g * g for grads in ref_grads for g in grads) ** 0.5
    floor = max(RELATIVE_FLOOR * total_norm, ABSOLUTE_FLOOR)
    grad_error = 0.0
    for got, expected in zip(bp_grads, ref_grads):
        if len(got) != len(expected):
            return loss_error, float("inf")
        grad_error = max(grad_error, normwise_error(got, expected, floor))
    if len(bp_grads) != len(ref_grads):
        grad_error = float("inf")
    return loss_error, grad_error


def check_overflow(bp, tally):
    """A loss beyond double range: PyTorch gives inf, bp must refuse (non-zero exit), not print nulls."""
    model = {"inputs": 1, "loss": "half_mse",
             "layers": [{"units": 1, "activation": "linear", "weights": [[1e200]], "biases": [0.0]}]}
    data = {"x": [[1e200]], "y": [[0.0]]}
    code, _, err = bp.run("grad", "--model", bp.write_json("overflow_model.json", model),
                          "--data", bp.write_json("overflow_data.json", data))
    torch_loss = torch_reference(model, data)[0]
    tally.record(code != 0 and not np.isfinite(torch_loss), "overflow (z = 1e400)",
                 f"bp exited {code} ({err.strip()}), torch loss {torch_loss}")


def run(bp, count_per_pair=NETS_PER_PAIR):
    """One case per net. Returns (tally, {(activation, loss): [nets, worst loss err, worst grad err]}, summary)."""
    tally = Tally("grad")
    cases = [random_case(i) for i in range(count_per_pair * len(ACTIVATIONS) * len(LOSSES))]
    args = []
    for i, (_, _, _, model, data) in enumerate(cases):
        args.append(["grad", "--model", bp.write_json(f"grad_model_{i}.json", model),
                     "--data", bp.write_json(f"grad_data_{i}.json", data)])
    worst = {}
    for i, ((activation, loss, target_kind, model, data), (code, out, err)) in enumerate(
            zip(cases, bp.run_all(args))):
        shape = "-".join([str(model["inputs"])] + [str(l["units"]) for l in model["layers"]])
        name = f"net {i} ({activation}, {loss}, {target_kind} targets, {shape})"
        row = worst.setdefault((activation, loss), [0, 0.0, 0.0])
        row[0] += 1
        if code != 0:
            tally.record(False, name, f"bp grad exited {code}: {err.strip()}")
            row[1] = row[2] = float("inf")
            continue
        try:  # a null (NaN) or a missing field in bp's JSON fails this net, not the run
            loss_error, grad_error = compare(bp_gradients(out), torch_reference(model, data))
        except (ValueError, KeyError, TypeError) as e:
            tally.record(False, name, f"unreadable bp grad output ({e}): {out[:200]!r}")
            row[1] = row[2] = float("inf")
            continue
        row[1], row[2] = max(row[1], loss_error), max(row[2], grad_error)
        tally.record(max(loss_error, grad_error) <= TOLERANCE, name,
                     f"loss rel err {loss_error:.3g}, worst gradient rel err {grad_error:.3g} (tolerance {TOLERANCE:g})")
    check_overflow(bp, tally)
    overall = max(max(r[1], r[2]) for r in worst.values())
    summary = (f"grad: {len(cases)} random nets and 1 overflow vs float64 autograd, {tally.passed} passed, "
               f"{tally.failed} failed; worst rel err {overall:.3g} (tolerance {TOLERANCE:g})")
    return tally, worst, summary
