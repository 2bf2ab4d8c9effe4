"""What every check group shares: running `bp`, comparing numbers, counting cases."""
import json
import math
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

# bp processes run two at a time: the suite is sized for a 2-core machine.
WORKERS = 2


class Bp:
    """The `bp` binary under test, and a scratch directory for its JSON files."""

    def __init__(self, path, scratch_dir):
        self.path = path
        self.scratch_dir = scratch_dir

    def write_json(self, name, value):
        path = os.path.join(self.scratch_dir, name)
        with open(path, "w") as f:
            # json writes floats with repr(): 17 significant digits, read back bit for bit.
            json.dump(value, f)
        return path

    def run(self, *args):
        """(exit code, stdout, stderr) of one bp process."""
        done = subprocess.run([self.path, *args], capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    def run_all(self, arg_lists):
        """run() for each argument list, WORKERS at a time, results in order."""
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(lambda args: self.run(*args), arg_lists))


def normwise_error(got, expected, floor):
    """‖got − expected‖₂ / max(‖expected‖₂, floor), over flat lists of floats."""
    diff = math.sqrt(sum((g - e) ** 2 for g, e in zip(got, expected)))
    scale = math.sqrt(sum(e * e for e in expected))
    return diff / max(scale, floor)


def relative_error(got, expected, floor):
    return abs(got - expected) / max(abs(expected), floor)


class Tally:
    """Passed and failed cases of one check group, and the lines explaining each failure."""

    def __init__(self, group):
        self.group = group
        self.passed = 0
        self.failed = 0
        self.failures = []

    def record(self, ok, name, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(f"  FAIL {self.group}: {name}" + (f": {detail}" if detail else ""))
        return ok
