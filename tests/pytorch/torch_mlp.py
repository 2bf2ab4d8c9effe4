"""The MODEL.json network written with PyTorch's own ops: the independent side of every check.

One definition for both precisions, like the engine's Scalar templates: float64 for
`bp grad`, float32 for `bp train`. Nothing here is copied from the engine; the formulas
are the ones engine/mlp/activation.h and engine/mlp/loss.h promise, spelled as PyTorch spells them.
"""
import torch
import torch.nn.functional as F


def activate(name, z, leaky_slope):
    if name == "linear":
        return z
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.relu(z)
    if name == "leaky_relu":
        return F.leaky_relu(z, leaky_slope)
    if name == "gelu":
        return F.gelu(z)  # the exact erf form, as engine/mlp/activation.h says (not approximate="tanh")
    raise ValueError(f"no activation {name!r}")


class TorchMlp:
    """Parameters of a MODEL.json as leaf tensors of one dtype, and its loss."""

    def __init__(self, model, dtype):
        self.loss_name = model["loss"]
        self.leaky_slope = model.get("leakySlope", 0.01)
        self.activations = [layer["activation"] for layer in model["layers"]]
        self.params = []
        for layer in model["layers"]:
            self.params.append(torch.tensor(layer["weights"], dtype=dtype, requires_grad=True))
            self.params.append(torch.tensor(layer["biases"], dtype=dtype, requires_grad=True))
        self.dtype = dtype

    def output(self, x):
        """(z, a) of the last layer for inputs x [N × inputs]."""
        a = x
        for l, act in enumerate(self.activations):
            z = a @ self.params[2 * l].T + self.params[2 * l + 1]
            # bce and softmax_ce take the logits z; their sigmoid/softmax lives inside the loss.
            a = z if act == "softmax" else activate(act, z, self.leaky_slope)
        return z, a

    def loss(self, x, targets):
        """The batch-mean loss. `targets`: float rows, or for softmax_ce a LongTensor of class indices."""
        z, a = self.output(x)
        if self.loss_name == "half_mse":  # ½Σ_k over the outputs, then the batch mean
            return 0.5 * ((a - targets) ** 2).sum(dim=1).mean()
        if self.loss_name == "mse":
            return F.mse_loss(a, targets)
        if self.loss_name == "bce":  # mean over outputs and batch
            return F.binary_cross_entropy_with_logits(z, targets)
        if self.loss_name == "softmax_ce":  # class indices, or probability rows (one-hot or soft)
            return F.cross_entropy(z, targets)
        raise ValueError(f"no loss {self.loss_name!r}")
