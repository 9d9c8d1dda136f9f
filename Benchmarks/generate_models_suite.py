#!/usr/bin/env python3
"""COUNT scenarios that each send GET /openai/v1/models and expect 200: the same request wrk can send.

usage: generate_models_suite.py OUT_DIR [COUNT]
"""
import json
import os
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
os.makedirs(os.path.join(out, "scenarios"), exist_ok=True)
for i in range(count):
    s = {"id": f"bench.models.{i:05d}", "summary": "models list", "request": {"method": "GET", "path": "/openai/v1/models"},
         "expect": {"status": 200, "situation": "success"}}
    json.dump(s, open(os.path.join(out, "scenarios", f"s{i:05d}.json"), "w"))
