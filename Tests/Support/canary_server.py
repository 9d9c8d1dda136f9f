#!/usr/bin/env python3
"""A gateway that echoes secrets back in every form, for the redaction tests.

Prints "http://127.0.0.1:PORT" on its first line, then serves until its stdin closes. The secrets it echoes
are the key each request carries (Authorization: Bearer, x-api-key, x-goog-api-key, ?key=) and the values in
the CANARY_SECRETS environment variable (a JSON list), each as given and trimmed, in every form forms() makes:
plain, percent-encoded (upper, lower, mixed, + for space), JSON \\u escapes (upper, lower, mixed with \\/),
XML references, base64 and base64url at the three byte offsets with and without padding, and cut-off
prefixes and suffixes. It writes them into headers (Location included), JSON error messages and bodies,
server-sent events split across chunks, redirects, task states and long bodies the excerpt cuts through.

  /echo/ok          200 with the forms in headers and body
  /echo/error       401 OpenAI-style error whose message, type, code and param hold the forms
  /echo/retry       503, 503, then 200 (in turn), each echoing (retry-after-ms: 10)
  /echo/redirect    302 whose Location carries the key
  /echo/stream      an OpenAI chat stream whose deltas hold the forms, the key split across chunks
  /echo/long        a body with the key across byte 512, where excerpts are cut
  /echo/task        POST: a task whose id is the key; GET ?taskId=: a failed task whose message holds the forms
  /echo/path/...    200 echoing the request target
  anything else     401 echoing the forms (what diagnose probes meet)
"""
import base64
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EXTRA = json.loads(os.environ.get("CANARY_SECRETS", "[]"))
COUNTS = {}
LOCK = threading.Lock()


def utf16_escape(s, upper):
    units = s.encode("utf-16-be")
    fmt = "\\u%04X" if upper else "\\u%04x"
    return "".join(fmt % int.from_bytes(units[i:i + 2], "big") for i in range(0, len(units), 2))


def forms(secret):
    """Every written form of one secret, by name: {name: text}. Texts are raw (JSON escapes included)."""
    out = {}
    for label, s in (("given", secret), ("trimmed", secret.strip())):
        if not s:
            continue
        b = s.encode()
        out[label + ".plain"] = s
        out[label + ".pct-upper"] = "".join("%%%02X" % c for c in b)
        out[label + ".pct-lower"] = "".join("%%%02x" % c for c in b)
        out[label + ".pct-mixed"] = "".join(
            ("%%%02X" % c) if i % 3 == 0 else ("%%%02x" % c) if i % 3 == 1 or c > 0x7E or c < 0x21
            else chr(c) for i, c in enumerate(b))
        out[label + ".form"] = urllib.parse.quote_plus(s)
        out[label + ".json-upper"] = utf16_escape(s, True)
        out[label + ".json-lower"] = utf16_escape(s, False)
        out[label + ".json-mixed"] = "".join(
            "\\/" if c == "/" else "\\\"" if c == "\"" else "\\\\" if c == "\\"
            else utf16_escape(c, i % 4 == 0) if i % 2 == 0 else c for i, c in enumerate(s))
        out[label + ".json-ascii"] = json.dumps(s)[1:-1]
        out[label + ".xml"] = "".join(
            "&amp;" if c == "&" else ("&#%d;" % ord(c)) if i % 2 == 0 else ("&#x%x;" % ord(c))
            for i, c in enumerate(s))
        for before, after in (("", ""), ("x", "!"), ("x:", ""), ("Bearer ", "!!"), ("ab", "c")):
            raw = (before + s + after).encode()
            std = base64.b64encode(raw).decode()
            url = base64.urlsafe_b64encode(raw).decode()
            tag = "%s.b64-%d%s" % (label, len(before.encode()) % 3, "-" + str(len(before)))
            out[tag] = std
            out[tag + "-nopad"] = std.rstrip("=")
            out[tag + "-url"] = url
            out[tag + "-url-nopad"] = url.rstrip("=")
        if len(s) >= 16:
            out[label + ".prefix"] = s[:12] + "..."
            out[label + ".suffix"] = "..." + s[-11:]
    return out


def json_text(form):
    """A form placed inside a JSON string: escapes stay raw, anything else is escaped as JSON needs."""
    if "\\u" in form or "\\/" in form:
        return form
    return json.dumps(form, ensure_ascii=False)[1:-1]


def header_safe(v):
    return all(0x20 <= ord(c) < 0x7F for c in v)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def secrets(self):
        found = []
        auth = self.headers.get("authorization") or ""
        if auth.lower().startswith("bearer "):
            found.append(auth[7:])
        for h in ("x-api-key", "x-goog-api-key"):
            if self.headers.get(h):
                found.append(self.headers.get(h))
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        found += query.get("key", [])
        found += EXTRA
        # Every request header a client added (diagnose --header values among them).
        for k, v in self.headers.items():
            if k.lower().startswith("x-canary"):
                found.append(v)
        return [s for s in dict.fromkeys(found) if s]

    def all_forms(self):
        out = {}
        for i, s in enumerate(self.secrets()):
            for name, text in forms(s).items():
                out["s%d.%s" % (i, name)] = text
        return out

    def echo_headers(self, f):
        headers = []
        for name, text in f.items():
            if header_safe(text):
                headers.append(("x-echo-" + name.replace(".", "-"), text))
        pct = [t for n, t in f.items() if n.endswith("trimmed.pct-lower")]
        b64 = [t for n, t in f.items() if n.endswith("trimmed.b64-1-1-url-nopad")]
        if pct and b64:
            headers.append(("location", "/cb?k=%s&b=%s" % (pct[0], b64[0])))
        return headers

    def message(self, f):
        return "key " + " ".join(json_text(t) for t in f.values())

    def send_raw(self, status, body, content_type="application/json", extra=()):
        data = body.encode()
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def error_body(self, f, kind="invalid_request_error"):
        m = self.message(f)
        first = json_text(next(iter(f.values()), ""))
        return ('{"error": {"message": "%s", "type": "%s", "code": "%s", "param": "%s"}}'
                % (m, kind, first, first))

    def body(self):
        n = int(self.headers.get("content-length") or 0)
        return self.rfile.read(n) if n else b""

    def handle_any(self):
        self.body()
        path = urllib.parse.urlsplit(self.path).path
        # A base URL may carry a path (key material in it among the tests): answer on its last part.
        for route in ("/echo/", "/v1/", "/anthropic/", "/gemini/", "/suno/"):
            if route in path:
                path = path[path.index(route):]
                break
        f = self.all_forms()
        headers = self.echo_headers(f)
        if path == "/echo/ok":
            self.send_raw(200, '{"ok": true, "echo": "%s"}' % self.message(f), extra=headers)
        elif path == "/echo/error":
            self.send_raw(401, self.error_body(f, "authentication_error"), extra=headers)
        elif path == "/echo/retry":
            with LOCK:
                n = COUNTS.get(path, 0)
                COUNTS[path] = (n + 1) % 3
            if n < 2:
                self.send_raw(503, self.error_body(f, "server_error"),
                              extra=headers + [("retry-after-ms", "10")])
            else:
                self.send_raw(200, '{"ok": true, "echo": "%s"}' % self.message(f), extra=headers)
        elif path == "/echo/redirect":
            self.send_raw(302, "", extra=headers)
        elif path == "/echo/long":
            secrets = self.secrets()
            key = secrets[0] if secrets else ""
            pad = "a" * (505 - len('{"pad": "'))
            self.send_raw(200, '{"pad": "%s%s", "more": "%s"}' % (pad, json_text(key), "b" * 100),
                          extra=headers)
        elif path == "/echo/stream":
            self.stream(f, headers)
        elif path == "/echo/task":
            secrets = self.secrets()
            key = secrets[0] if secrets else "none"
            if self.command == "POST":
                self.send_raw(200, json.dumps({"code": 200, "msg": "success", "data": {"taskId": key}}),
                              extra=headers)
            else:
                self.send_raw(200, '{"code": 200, "msg": "%s", "data": {"taskId": "%s", "status": '
                              '"GENERATE_AUDIO_FAILED", "errorMessage": "%s", "errorCode": "%s"}}'
                              % (self.message(f), json_text(key), self.message(f), json_text(key)),
                              extra=headers)
        elif path.startswith("/echo/path/"):
            self.send_raw(200, json.dumps({"target": self.path, "echo": self.message(f)}), extra=headers)
        else:
            self.send_raw(401, self.error_body(f, "authentication_error"), extra=headers)

    def stream(self, f, headers):
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()

        def chunk(text):
            data = text.encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
            time.sleep(0.003)

        def event(content):
            return ('data: {"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, '
                    '"delta": {"content": "%s"}, "finish_reason": null}]}\n\n' % content)

        for name, text in f.items():
            if ".given." in "." + name.split(".", 1)[1] and not name.endswith("given.plain"):
                continue  # the trimmed forms cover the rest; keeps the stream short
            e = event(json_text(text))
            # Split each event, and so each form, in the middle: the halves arrive as separate chunks.
            half = len(e) // 2 + 3
            chunk(e[:half])
            chunk(e[half:])
        chunk('data: {"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, '
              '"delta": {}, "finish_reason": "stop"}]}\n\n')
        chunk("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
