#!/usr/bin/python3
"""Runs one fuzz target on inputs at and just past its size cap (README "Input limits").

The targets themselves assert that an input is refused for its length exactly when it is
over the cap (tests/fuzz/fuzz_*.cpp); libFuzzer runs each file given on its command line once,
whatever -max_len the random runs use. Usage: cap_inputs.py TARGET_BINARY WORK_DIR
"""
import os
import subprocess
import sys

KIB, MIB = 1024, 1024 * 1024
SEED_MERMAID = ("graph LR\n  I1((Input 1)) --> H1(Hidden 1)\n  I2((Input 2)) --> H1\n"
                "  I1 --> H2(Hidden 2)\n  I2 --> H2\n  H1 --> O1((Output 1))\n  H2 --> O1\n")
MODEL = '{"inputs": 1, "layers": [{"units": 1, "activation": "linear", "weights": [[0.5]], "biases": [0]}], "loss": "mse"}'


def padded(text, size, pad):
    """`text` padded with `pad` characters to exactly `size` bytes (a valid input of that size)."""
    data = text.encode()
    return data + pad.encode() * (size - len(data))


def inputs(name):
    """{file name: bytes}: a valid input at the cap and the same grown one byte past it."""
    if name == 'fuzz_url_state':
        cap = 64 * KIB  # empty pairs are skipped, so '&' pads a valid hash
        return {'at_cap': padded('#lr=0.1&dataset=circle', cap, '&'), 'over_cap': padded('#lr=0.1', cap + 1, '&')}
    if name == 'fuzz_mermaid_network':
        cap = 256 * KIB  # one long comment line keeps it under the 2000-line cap
        base = SEED_MERMAID + '%% '
        return {'at_cap': padded(base, cap, 'x'), 'over_cap': padded(base, cap + 1, 'x')}
    if name == 'fuzz_model_json':
        cap = 64 * MIB  # trailing whitespace is valid JSON; only the over-cap file is this large
        return {'at_cap_nesting': ('[' * 64 + ']' * 64).encode(), 'over_cap': padded(MODEL, cap + 1, ' '),
                'over_cap_nesting': ('[' * 65 + ']' * 65).encode()}
    if name == 'fuzz_expr_parser':
        cap = 1000
        return {'at_cap': padded('x', cap, ' '), 'over_cap': padded('x', cap + 1, ' ')}
    if name == 'fuzz_typeset':
        cap = 32 * KIB  # spaces are skipped in math mode; 64 nested groups is the deepest accepted
        nested = '{' * 64 + 'x' + '}' * 64
        return {'at_cap': padded('x', cap, ' '), 'over_cap': padded('x', cap + 1, ' '),
                'at_cap_nesting': nested.encode(), 'over_cap_nesting': ('{' + nested + '}').encode()}
    raise SystemExit(f'cap_inputs.py: no cap inputs for {name}')


def main():
    binary, work = sys.argv[1], sys.argv[2]
    name = os.path.basename(binary)
    os.makedirs(os.path.join(work, name), exist_ok=True)
    files = []
    for file, data in inputs(name).items():
        path = os.path.join(work, name, file)
        with open(path, 'wb') as out:
            out.write(data)
        files.append(path)
    result = subprocess.run([binary, *files])
    for path in files:
        os.remove(path)  # the 64 MiB file is not worth keeping
    sys.exit(result.returncode)


if __name__ == '__main__':
    main()
