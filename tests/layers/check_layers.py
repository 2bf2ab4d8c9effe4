#!/usr/bin/python3
"""The engine's folders are layers; a file may include only its own folder and folders below it.

    core < kernels < mlp < training < derivation, formats < cli      expr, typeset: core only
    (engine/ itself holds no sources; web/ is above all of them and the only place for ImGui, GL, emscripten.)

Prints every include that runs back up (or sideways between derivation and formats) and exits 1 if any.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Each folder and the folders it may include besides itself.
ALLOWED = {
    "core": set(),
    "kernels": {"core"},
    "mlp": {"core", "kernels"},
    "expr": {"core"},
    "typeset": {"core"},
    "training": {"core", "kernels", "mlp"},
    "derivation": {"core", "kernels", "mlp", "expr", "training", "typeset"},
    "formats": {"core", "kernels", "mlp", "expr", "training", "typeset"},
    "cli": {"core", "kernels", "mlp", "expr", "training", "derivation", "formats", "typeset"},
}
FORBIDDEN_HEADERS = re.compile(r'#include [<"](imgui|GLES|GL/|GLFW|emscripten)')
INCLUDE = re.compile(r'#include "engine/([a-z_]+)/')


def main():
    engine = os.path.join(ROOT, "engine")
    problems = []
    top_sources = [f for f in os.listdir(engine) if os.path.isfile(os.path.join(engine, f))]
    if top_sources:
        problems.append(f"engine/ holds files outside a layer folder: {', '.join(sorted(top_sources))}")
    for folder in sorted(os.listdir(engine)):
        path = os.path.join(engine, folder)
        if not os.path.isdir(path):
            continue
        if folder not in ALLOWED:
            problems.append(f"engine/{folder}/ is not a known layer; add it to {os.path.relpath(__file__, ROOT)}")
            continue
        for dirpath, _, names in os.walk(path):
            for name in names:
                if not name.endswith((".h", ".cpp")):
                    continue
                file = os.path.join(dirpath, name)
                rel = os.path.relpath(file, ROOT)
                with open(file, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        if FORBIDDEN_HEADERS.search(line):
                            problems.append(f"{rel}:{number}: the engine must not include {line.strip()}")
                        match = INCLUDE.search(line)
                        if match and match.group(1) != folder and match.group(1) not in ALLOWED[folder]:
                            problems.append(f"{rel}:{number}: {folder}/ may not include {match.group(1)}/ "
                                            f"({line.strip()})")
    for p in problems:
        print(p)
    print(f"layers: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
