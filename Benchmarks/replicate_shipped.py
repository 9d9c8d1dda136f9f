#!/usr/bin/env python3
"""Replicate the shipped request/expect scenarios into a large suite, for benchmarks.

usage: replicate_shipped.py OUT_DIR COUNT [--per-file N] [--pretty]

Reads every scenario under scenarios/ that is a single exchange (`request` + `expect`, no `steps`),
and writes COUNT of them to OUT_DIR/scenarios/** cycling through them in order, each copy with a
unique id (`<id>.r<k>`), N scenarios per file (default 500; N = 1 writes one object per file).
Files are minified (one line each, as a script would write them) unless --pretty is given.
Also copies scenarios/variables.json; the fixtures are the shipped Fixtures/ directory, so the
run needs `--fixtures <repo>/Fixtures`.
"""
import glob
import json
import os
import shutil
import sys


def shipped(root):
    out = []
    for f in sorted(glob.glob(os.path.join(root, "scenarios", "**", "*.json"), recursive=True)):
        name = os.path.basename(f)
        if name == "variables.json" or name.endswith(".schema.json"):
            continue
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        for s in d if isinstance(d, list) else [d]:
            if "request" in s and "steps" not in s:
                out.append(s)
    return out


def main():
    argv = sys.argv[1:]
    per_file = 500
    pretty = False
    if "--per-file" in argv:
        i = argv.index("--per-file")
        per_file = int(argv[i + 1])
        del argv[i : i + 2]
    if "--pretty" in argv:
        argv.remove("--pretty")
        pretty = True
    out, count = argv[0], int(argv[1])
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    base = shipped(root)
    os.makedirs(os.path.join(out, "scenarios"), exist_ok=True)
    shutil.copy(os.path.join(root, "scenarios", "variables.json"), os.path.join(out, "scenarios"))
    dump = (lambda v, f: json.dump(v, f, indent=2, ensure_ascii=False)) if pretty else (
        lambda v, f: json.dump(v, f, separators=(",", ":"), ensure_ascii=False))
    batch, file_no = [], 0

    def flush():
        nonlocal batch, file_no
        if not batch:
            return
        d = os.path.join(out, "scenarios", f"d{file_no // 500:03d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"s{file_no:05d}.json"), "w", encoding="utf-8") as f:
            dump(batch[0] if per_file == 1 else batch, f)
        file_no += 1
        batch = []

    for i in range(count):
        s = dict(base[i % len(base)])
        s["id"] = f"{s['id']}.r{i // len(base)}"
        batch.append(s)
        if len(batch) == per_file:
            flush()
    flush()


if __name__ == "__main__":
    main()
