#!/usr/bin/env python3
"""A deliberately naive AnyInt client (standard library only): it retries a 400 at once, loops on 429
without waiting, and creates the same music task twice instead of polling it. Run it under
`check-client --inject rate-limit --inject-first 3`: it must be judged broken on exactly
no-retry-client-error, rate-limit-backoff and poll-not-recreate.
"""
import json
import os
import urllib.error
import urllib.request

base = os.environ["ANYINT_BASE_URL"]
key = os.environ["ANYINT_API_KEY"]


def post(path, body):
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


def until_not_429(path, body, tries=4):
    for _ in range(tries):
        status, answer = post(path, body)
        if status != 429:
            return status, answer
    return status, answer


# 1. A request missing its model, answered 400, sent again at once.
bad = {"messages": [{"role": "user", "content": "hi"}]}
print("400s:", post("/openai/v1/chat/completions", bad)[0], post("/openai/v1/chat/completions", bad)[0])

# 2. A 429 answered by sending again straight away.
chat = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}
print("chat:", until_not_429("/openai/v1/chat/completions", chat)[0])

# 3. A music task created, then created again instead of polled.
song = {"customMode": False, "instrumental": False, "model": "V4", "prompt": "a short jingle",
        "callBackUrl": "http://127.0.0.1:9/callback"}
first = until_not_429("/suno/generate", song)
second = post("/suno/generate", song)
print("tasks:", first[1] and first[1]["data"]["taskId"], second[1] and second[1]["data"]["taskId"])
