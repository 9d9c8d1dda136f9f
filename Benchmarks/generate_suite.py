#!/usr/bin/env python3
"""Generate a large scenario suite and its fixtures for benchmarks.

usage: generate_suite.py OUT_DIR [COUNT] [--per-file N]

Writes OUT_DIR/scenarios/** (COUNT scenarios, N per file; default 1) and OUT_DIR/Fixtures/bench.fixture.json
(one fixture per distinct request). The scenarios cycle through a mix shaped like the shipped suite: a
models list, chat successes with different models, 401/400/429/503 errors on both families.
"""
import json
import os
import sys

KINDS = [
    # (path, method, auth, key, body, status, response body, expect)
    ("/openai/v1/models", "GET", "family", "valid", None, 200,
     {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"}]},
     {"status": 200, "json": {"$.data[*].id": {"contains": "gpt-4o-mini"}}, "situation": "success"}),
    ("/openai/v1/chat/completions", "POST", "family", "invalid", {"model": "m{n}", "messages": [{"role": "user", "content": "ping"}]}, 401,
     {"error": {"message": "Invalid or missing API key", "type": "authentication_error", "code": "invalid_api_key"}},
     {"status": 401, "envelope": "openai", "error": {"type": "authentication_error"}, "situation": "invalid-api-key", "retry": "no"}),
    ("/openai/v1/chat/completions", "POST", "family", "valid", {"model": "m{n}", "messages": [{"role": "user", "content": "ping"}]}, 200,
     {"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "pong"}, "finish_reason": "stop"}]},
     {"status": 200, "json": {"$.choices[0].message.content": "pong"}, "situation": "success"}),
    ("/anthropic/v1/messages", "POST", "family", "valid", {"model": "c{n}", "max_tokens": 16, "messages": [{"role": "user", "content": "ping"}]}, 429,
     {"error": {"message": "Rate limit exceeded", "type": "rate_limit_error", "code": "rate_limit_exceeded"}},
     {"status": 429, "envelope": "openai", "situation": "rate-limited", "retry": "later", "error": {"message": {"contains": "Rate limit"}}}),
    ("/anthropic/v1/messages", "POST", "bearer", "valid", {"model": "c{n}", "max_tokens": 16, "messages": [{"role": "user", "content": "ping"}]}, 401,
     {"error": {"message": "Invalid or missing API key", "type": "authentication_error", "code": "invalid_api_key"}},
     {"status": 401, "situation": "invalid-api-key", "retry": "no"}),
    ("/openai/v1/chat/completions", "POST", "family", "valid", {"messages": [{"role": "user", "content": "no model {n}"}]}, 400,
     {"error": {"message": "Missing required field: model", "type": "invalid_request_error", "param": "model"}},
     {"status": 400, "error": {"param": "model"}, "situation": "invalid-request", "retry": "no"}),
    ("/anthropic/v1/messages", "POST", "family", "valid", {"model": "busy{n}", "max_tokens": 16, "messages": [{"role": "user", "content": "ping"}]}, 503,
     {"error": {"message": "Upstream temporarily unavailable", "type": "server_error"}},
     {"status": 503, "situation": "upstream-unavailable", "retry": "yes"}),
]
VARIANTS = 8  # distinct bodies per kind, so fixture lookup has several candidates per route


def fill(v, n):
    if isinstance(v, str):
        return v.replace("{n}", str(n))
    if isinstance(v, list):
        return [fill(x, n) for x in v]
    if isinstance(v, dict):
        return {k: fill(x, n) for k, x in v.items()}
    return v


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    per_file = 1
    if "--per-file" in sys.argv:
        per_file = int(sys.argv[sys.argv.index("--per-file") + 1])
        args = [a for a in args if a != str(per_file)]
    out = args[0]
    count = int(args[1]) if len(args) > 1 else 10000
    fixtures = []
    for k, (path, method, auth, key, body, status, resp, _) in enumerate(KINDS):
        for n in range(VARIANTS):
            req = {"method": method, "path": path, "key": key}
            if auth == "bearer":
                req["auth"] = "bearer"
            if path.startswith("/anthropic/") and auth == "family":
                req["headers"] = {"anthropic-version": "2023-06-01"}
            if body is not None:
                req["json"] = fill(body, n)
            fixtures.append({"id": f"bench.{k}.{n}", "request": req, "response": {"status": status, "json": resp}})
    os.makedirs(os.path.join(out, "Fixtures"), exist_ok=True)
    with open(os.path.join(out, "Fixtures", "bench.fixture.json"), "w") as f:
        json.dump(fixtures, f, indent=1)
    batch = []
    file_no = 0

    def flush():
        nonlocal batch, file_no
        if not batch:
            return
        d = os.path.join(out, "scenarios", f"d{file_no // 100:03d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"s{file_no:05d}.json"), "w") as f:
            json.dump(batch[0] if per_file == 1 else batch, f, indent=2)
        file_no += 1
        batch = []

    for i in range(count):
        k = i % len(KINDS)
        n = (i // len(KINDS)) % VARIANTS
        path, method, auth, key, body, status, resp, expect = KINDS[k]
        req = {"method": method, "path": path}
        if auth != "family":
            req["auth"] = auth
            if path.startswith("/anthropic/"):
                req["headers"] = {"anthropic-version": "2023-06-01"}
        if key != "valid":
            req["key"] = key
        if body is not None:
            req["json"] = fill(body, n)
        batch.append({"id": f"bench.{i:05d}", "summary": f"benchmark scenario {i} ({path} -> {status})", "tags": ["bench"], "request": req, "expect": expect})
        if len(batch) == per_file:
            flush()
    flush()


if __name__ == "__main__":
    main()
