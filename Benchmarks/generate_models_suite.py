#!/usr/bin/env python3
"""COUNT scenarios that each send GET /openai/v1/models and expect 200: the same request wrk can send.

usage: generate_models_suite.py OUT_DIR [COUNT] [--per-file N]

One scenario per file by default; with --per-file N, N per file, minified (one line per file).
"""
import json
import os
import sys

args = [a for a in sys.argv[1:]]
per_file = 1
if "--per-file" in args:
    i = args.index("--per-file")
    per_file = int(args[i + 1])
    del args[i : i + 2]
out = args[0]
count = int(args[1]) if len(args) > 1 else 2000
os.makedirs(os.path.join(out, "scenarios"), exist_ok=True)
scenarios = [{"id": f"bench.models.{i:05d}", "summary": "models list", "request": {"method": "GET", "path": "/openai/v1/models"},
              "expect": {"status": 200, "situation": "success"}} for i in range(count)]
for start in range(0, count, per_file):
    batch = scenarios[start:start + per_file]
    with open(os.path.join(out, "scenarios", f"s{start:05d}.json"), "w") as f:
        json.dump(batch[0] if per_file == 1 else batch, f, separators=(",", ":") if per_file > 1 else None)
