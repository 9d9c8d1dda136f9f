#!/usr/bin/env python3
"""A music app (standard library only): serves its own callBackUrl, creates a song with /suno/generate,
polls /suno/query/task until the task is terminal, and waits for the `complete` callback (twice: webhooks
are delivered at least once) before it exits.

usage: music_app.py [--poll-ms N] [--callback-status S] [--timeout-s N]
Prints one JSON object: {"task", "states": [...], "callbacks": [...]}.
"""
import argparse
import http.server
import json
import os
import threading
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--poll-ms", type=int, default=1500)
parser.add_argument("--callback-status", type=int, default=200)
parser.add_argument("--timeout-s", type=float, default=30)
args = parser.parse_args()
base, key = os.environ["ANYINT_BASE_URL"], os.environ["ANYINT_API_KEY"]
received, lock = [], threading.Lock()


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        with lock:
            received.append(body.get("callbackType"))
        self.send_response(args.callback_status)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
server.disable_nagle_algorithm = True
threading.Thread(target=server.serve_forever, daemon=True).start()


def call(method, path, body=None):
    request = urllib.request.Request(
        base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.loads(r.read())


created = call("POST", "/suno/generate", {
    "customMode": False, "instrumental": False, "model": "V4", "prompt": "a jingle about green checks",
    "callBackUrl": f"http://127.0.0.1:{server.server_address[1]}/callback"})
task = created["data"]["taskId"]
states, deadline = [], time.time() + args.timeout_s
while time.time() < deadline:
    state = call("GET", f"/suno/query/task?taskId={task}")["data"]["status"]
    states.append(state)
    if state in ("SUCCESS", "CREATE_TASK_FAILED", "GENERATE_AUDIO_FAILED", "SENSITIVE_WORD_ERROR"):
        break
    time.sleep(args.poll_ms / 1000)
while time.time() < deadline:
    with lock:
        if received.count("complete") >= 2:
            break
    time.sleep(0.05)
time.sleep(0.5)  # let the twin read the last answer before this process goes away
print(json.dumps({"task": task, "states": states, "callbacks": received}))
