#!/usr/bin/env python3
"""A fault-injecting HTTP server for the live transport tests.

Prints "http://127.0.0.1:PORT" on its first line, then serves until killed. Each path is one behaviour:

  /ok                 200 with a small JSON body
  /echo               200 echoing the method, headers and body it received (as JSON)
  /redirect           302 to /ok (a conformance client must not follow it)
  /garbage            bytes that are not HTTP, then close
  /nonjson            200 text/html
  /reset              read the request, then reset the connection (RST) without answering
  /close              read the request, then close without answering
  /truncate           200 with Content-Length 100 and only 10 body bytes, then close
  /slow               answer after 10 s
  /stall-body         headers and half a body, then silence for 10 s
  /big                200 with a 10 MB JSON body
  /rate-limited       429 with an OpenAI-style error and retry-after-ms: 50
  /status-then-close  a status line, then close (the header section never ends)
  /head-cut           a status line and half a header line, then close
  /conflicting-length two different Content-Length headers (5 and 7) and 7 body bytes
  /br-garbage         Content-Encoding: br over bytes that are not brotli
  /gzip               a gzip-encoded JSON body (Content-Encoding: gzip), whatever was asked
  /gzip-bomb          ?mb=N (default 200): N MiB of zeros gzip-compressed (about 1/1000 of that on the wire)
  /huge               ?mb=N (default 200): an N MiB JSON body with Content-Length, written as fast as it goes
                      (&rate=R: at most R MiB/s)
  /huge-stream        ?mb=N (default 200): an N MiB text/event-stream of data events
  /sse                three SSE events 50 ms apart
  /drip               ?ms=N: a body trickled one byte every 10 ms for N ms (default 10 s)
  /random             ?seed=N: a pseudo-random answer from that seed (a status line, header-like lines,
                      bytes; cut anywhere), then close

Options: --tls CERT KEY serves HTTPS; --client-ca CA also requires a client certificate signed by CA.
Prints "http://127.0.0.1:PORT" (or https://) on its first line; exits when stdin closes.
"""
import json
import random
import socket
import ssl
import struct
import sys
import threading
import time
import zlib
from urllib.parse import parse_qs, urlsplit
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def body(self):
        n = int(self.headers.get("content-length") or 0)
        return self.rfile.read(n) if n else b""

    def send_json(self, status, obj, extra=()):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def query_int(self, name, default):
        values = parse_qs(urlsplit(self.path).query).get(name)
        return int(values[0]) if values else default

    def raw(self, data):
        self.wfile.write(data)
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True

    def handle_any(self):
        body = self.body()
        path = self.path.split("?")[0]
        if path in RAW:
            self.raw(RAW[path])
        elif path == "/random":
            self.raw(random_answer(self.query_int("seed", 0)))
        elif path == "/gzip":
            data = gzip_bytes(b'{"decoded": true}')
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-encoding", "gzip")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif path == "/gzip-bomb":
            data = gzip_zeros(self.query_int("mb", 200))
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-encoding", "gzip")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif path in ("/huge", "/huge-stream"):
            total = self.query_int("mb", 200) << 20
            stream = path == "/huge-stream"
            piece = (b"data: " + b"x" * 1016 + b"\n\n") if stream else b" " * 1024
            self.send_response(200)
            self.send_header("content-type", "text/event-stream" if stream else "application/json")
            self.send_header("content-length", str(total))
            self.end_headers()
            block = piece * 256
            rate = self.query_int("rate", 0) << 20
            started = time.monotonic()
            sent = 0
            try:
                while sent + len(block) <= total:
                    self.wfile.write(block)
                    sent += len(block)
                    if rate and sent / rate > time.monotonic() - started:
                        time.sleep(sent / rate - (time.monotonic() - started))
                self.wfile.write(b" " * (total - sent))
            except OSError:
                pass  # the client stopped reading: expected at its cap or limit
            self.close_connection = True
        elif path == "/sse":
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.end_headers()
            for i in range(3):
                self.wfile.write(b'data: {"n": %d}\n\n' % i)
                self.wfile.flush()
                time.sleep(0.05)
            self.close_connection = True
        elif path == "/drip":
            until = time.monotonic() + self.query_int("ms", 10_000) / 1000
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            try:
                while time.monotonic() < until:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.01)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/ok":
            self.send_json(200, {"ok": True})
        elif path == "/echo" or path.startswith("/echo/"):
            self.send_json(200, {"method": self.command, "path": self.path,
                                 "headers": [[k.lower(), v] for k, v in self.headers.items()],
                                 "body": body.decode("latin-1")})
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("location", "/ok")
            self.send_header("content-length", "0")
            self.end_headers()
        elif path == "/garbage":
            self.wfile.write(b"HELLO THIS IS NOT HTTP\r\n\r\n")
            self.close_connection = True
        elif path == "/nonjson":
            data = b"<html><body>Bad Gateway</body></html>"
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/close":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif path == "/truncate":
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", "100")
            self.end_headers()
            self.wfile.write(b'{"partial":')
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif path == "/slow":
            time.sleep(10)
            self.send_json(200, {"slow": True})
        elif path == "/stall-body":
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", "40")
            self.end_headers()
            self.wfile.write(b'{"stalled": "')
            self.wfile.flush()
            time.sleep(10)
        elif path == "/big":
            chunk = b'"' + b"x" * 1022 + b'",'
            n = 10 * 1024
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(1 + len(chunk) * n + 4))
            self.end_headers()
            self.wfile.write(b"[")
            for _ in range(n):
                self.wfile.write(chunk)
            self.wfile.write(b'"."]')
        elif path == "/rate-limited":
            self.send_json(429, {"error": {"message": "Rate limit exceeded", "type": "rate_limit_error", "code": "rate_limit_exceeded"}},
                           [("retry-after-ms", "50")])
        else:
            self.send_json(404, {"error": {"message": "no such fault: " + path, "type": "invalid_request_error"}})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any


RAW = {
    "/status-then-close": b"HTTP/1.1 200 OK\r\n",
    "/head-cut": b"HTTP/1.1 200 OK\r\nContent-Type: appl",
    "/conflicting-length": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 5\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
    "/br-garbage": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: br\r\n"
                   b"Content-Length: 16\r\n\r\nthis is not brot",
}


def random_answer(seed):
    rng = random.Random(seed)
    pieces = [b"HTTP/1.1 200 OK", b"HTTP/1.0 404 X", b"HTTP/2 200", b"HTTP/1.1 999", b"HTTP/1.1 abc", b"HTTP/1.1 100 Continue",
              b"Content-Length: 5", b"Content-Length: -1", b"Content-Length: 99999999999999999999",
              b"Transfer-Encoding: chunked", b"Content-Encoding: gzip", b"Content-Type: text/event-stream",
              b" folded", b"\t", b":", b"X-A: \xff\xfe", b"5\r\nhello\r\n0", b"zz\r\n", b"data: {}\n\n", b"\x00" * 3]
    out = b""
    for _ in range(rng.randint(0, 12)):
        if rng.random() < 0.7:
            out += rng.choice(pieces)
        else:
            out += bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 40)))
        out += rng.choice([b"\r\n", b"\n", b"", b"\r\n\r\n"])
    return out[:rng.randint(0, len(out))] if rng.random() < 0.3 else out


def gzip_bytes(data):
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


_bombs = {}


def gzip_zeros(mb):
    if mb not in _bombs:
        c = zlib.compressobj(1, zlib.DEFLATED, 31)  # fast; zeros still shrink about 1000:1
        zeros = b"\0" * (1 << 20)
        _bombs[mb] = b"".join(c.compress(zeros) for _ in range(mb)) + c.flush()
    return _bombs[mb]


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # failed handshakes and clients that hang up are what the tests provoke


def main():
    args = sys.argv[1:]
    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    scheme = "http"
    if "--tls" in args:
        i = args.index("--tls")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args[i + 1], args[i + 2])
        if "--client-ca" in args:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(args[args.index("--client-ca") + 1])
        # The handshake happens on the handler's thread at its first read, so a client that fails it
        # (untrusted certificate, no client certificate) never blocks the accept loop.
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        scheme = "https"
    print(f"{scheme}://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sys.stdin.read()  # exit when the test closes our stdin
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
