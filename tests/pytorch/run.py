#!/usr/bin/python3
"""PyTorch oracle for the `bp` command line: grad, train --model and expr against PyTorch 1.13.

    /usr/bin/python3 tests/pytorch/run.py [--bp build/native/bp] [--report build/logs/pytorch-oracle.md]

One line per check group, the failures above it, and last `pytorch: N passed, M failed`
(N, M count cases: one random net, one training trajectory, one expression at one point).
Exits 0 iff M == 0. The worst errors go to the report (markdown).
"""
import argparse
import os
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import torch  # noqa: E402  (after the path: the modules below import it too)

import expr_oracle  # noqa: E402
import grad_oracle  # noqa: E402
import train_oracle  # noqa: E402
from common import Bp, Tally  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bp", default=os.path.join(REPO, "build", "native", "bp"), help="the bp binary")
    parser.add_argument("--report", default=os.path.join(REPO, "build", "logs", "pytorch-oracle.md"),
                        help="where to write the worst-error tables")
    return parser.parse_args()


def write_report(path, bp_path, grad_worst, train_rows, expr_worst, seconds):
    activations, losses = grad_oracle.ACTIVATIONS, grad_oracle.LOSSES
    lines = ["# PyTorch oracle: worst errors", "",
             f"`{bp_path}` against PyTorch {torch.__version__}, {seconds:.1f} s. "
             "Written by `tests/pytorch/run.py`.", "",
             "## bp grad vs float64 autograd", "",
             f"Worst relative error per (hidden activation, loss), as `loss / gradient` over the nets of that pair "
             f"(gradient: normwise per parameter tensor, floor {grad_oracle.RELATIVE_FLOOR:g}·‖∇‖). "
             f"Tolerance {grad_oracle.TOLERANCE:g}.", "",
             "| activation | " + " | ".join(losses) + " |",
             "|---|" + "---|" * len(losses)]
    for act in activations:
        cells = []
        for loss in losses:
            nets, loss_err, grad_err = grad_worst.get((act, loss), [0, float("nan"), float("nan")])
            cells.append(f"{loss_err:.2g} / {grad_err:.2g} ({nets} nets)")
        lines.append(f"| {act} | " + " | ".join(cells) + " |")
    lines += ["", "## bp train --model vs torch.optim, float32", "",
              f"{train_oracle.EPOCHS} full-batch epochs on xor4; worst per-epoch relative error of train_loss "
              f"(floor {train_oracle.LOSS_FLOOR:g}). Tolerance {train_oracle.TOLERANCE:g}.", "",
              "| net, optimizer | worst rel err | final loss bp | final loss torch |", "|---|---|---|---|"]
    for name, error, bp_final, torch_final in train_rows:
        fmt = lambda v: "—" if v is None else f"{v:.7g}"  # noqa: E731
        lines.append(f"| {name} | {error:.2g} | {fmt(bp_final)} | {fmt(torch_final)} |")
    lines += ["", "## bp expr vs float64 autograd", "",
              f"Worst relative error of a defined value or slope: {expr_worst:.2g} "
              f"(tolerance {expr_oracle.RTOL:g} + {expr_oracle.ATOL:g} absolute).", ""]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines))


def main():
    args = parse_args()
    torch.set_num_threads(1)  # tiny tensors; the two cores run bp processes
    bp_path = os.path.abspath(args.bp)
    if not os.access(bp_path, os.X_OK):
        print(f"error: --bp: no executable at {bp_path}; build it with ./scripts/build native")
        print("pytorch: 0 passed, 1 failed")
        return 1
    start = time.monotonic()
    tallies = []
    results = {}
    with tempfile.TemporaryDirectory(prefix="bp-pytorch-") as scratch:
        bp = Bp(bp_path, scratch)
        for group, module in (("grad", grad_oracle), ("train", train_oracle), ("expr", expr_oracle)):
            try:
                tally, worst, summary = module.run(bp)
                results[group] = worst
            except Exception:  # a crash in one group is one failure; the other groups still run
                traceback.print_exc(file=sys.stdout)
                tally, summary = Tally(group), f"{group}: crashed (traceback above)"
                tally.record(False, "the group itself")
            for line in tally.failures:
                print(line)
            print(summary, flush=True)
            tallies.append(tally)
    seconds = time.monotonic() - start
    if len(results) == 3:
        write_report(args.report, bp_path, results["grad"], results["train"], results["expr"], seconds)
        shown = os.path.relpath(args.report)
        print(f"report: {args.report if shown.startswith('..') else shown} ({seconds:.1f} s)")
    passed, failed = sum(t.passed for t in tallies), sum(t.failed for t in tallies)
    print(f"pytorch: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
