#!/usr/bin/env python3
"""Generate COUNT async music scenarios whose tasks stay pending for PENDING_MS, and their fixtures.

usage: generate_async.py OUT_DIR [COUNT] [PENDING_MS] [INTERVAL_MS]
Each scenario creates a task (POST /suno/generate), then polls GET /suno/query/task?taskId=... until SUCCESS.
The fixtures answer PENDING until the task is PENDING_MS old (a `sequence` by task age), and every create
mints its own task, so the scenarios share nothing but the fixture set.
"""
import json
import os
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
pending = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
interval = int(sys.argv[4]) if len(sys.argv) > 4 else 100

os.makedirs(os.path.join(out, "Fixtures"), exist_ok=True)
os.makedirs(os.path.join(out, "scenarios"), exist_ok=True)
fixtures = [
    {"id": "bench.create", "request": {"method": "POST", "path": "/suno/generate", "anyBody": True},
     "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}"}}}},
    {"id": "bench.query", "createdBy": "bench.create", "request": {"method": "GET", "path": "/suno/query/task?taskId={{task_id}}"},
     "sequence": [
         {"afterMs": 0, "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "PENDING"}}}},
         {"afterMs": pending, "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "SUCCESS"}}}},
     ]},
]
json.dump(fixtures, open(os.path.join(out, "Fixtures", "async.fixture.json"), "w"), indent=1)
for i in range(count):
    s = {"id": f"bench.async.{i:04d}", "summary": f"async task {i} pending for {pending} ms", "tags": ["bench"],
         "steps": [
             {"id": "create", "request": {"method": "POST", "path": "/suno/generate",
                                          "json": {"customMode": False, "instrumental": True, "model": "V4", "prompt": f"bench {i}",
                                                   "callBackUrl": "https://example.com/anyint-callback"}},
              "expect": {"status": 200}, "capture": {"task": "$.data.taskId"}},
             {"id": "poll", "request": {"method": "GET", "path": "/suno/query/task?taskId=${task}"},
              "poll": {"until": {"$.data.status": "SUCCESS"}, "intervalMs": interval, "timeoutMs": pending * 10},
              "expect": {"status": 200}},
         ]}
    json.dump(s, open(os.path.join(out, "scenarios", f"s{i:04d}.json"), "w"), indent=1)
