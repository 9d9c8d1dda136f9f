#!/usr/bin/env python3
"""A hand-written retry loop (standard library only) against /openai/v1/chat/completions.

usage: retrier.py ATTEMPTS WAIT_MS [WAIT_MS ...]
Sends the same request until it gets a 2xx or ATTEMPTS are used, waiting the given milliseconds before each
retry (the last value repeats). Prints the statuses it saw as JSON.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

attempts, waits = int(sys.argv[1]), [int(w) for w in sys.argv[2:]] or [0]
base, key = os.environ["ANYINT_BASE_URL"], os.environ["ANYINT_API_KEY"]
body = json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}).encode()
statuses = []
for i in range(attempts):
    if i:
        time.sleep(waits[min(i - 1, len(waits) - 1)] / 1000)
    request = urllib.request.Request(base + "/openai/v1/chat/completions", data=body, method="POST", headers={
        "Authorization": "Bearer " + key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            statuses.append(r.status)
            break
    except urllib.error.HTTPError as e:
        statuses.append(e.code)
print(json.dumps(statuses))
