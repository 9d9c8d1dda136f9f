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
"""
import json
import socket
import struct
import sys
import threading
import time
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

    def handle_any(self):
        body = self.body()
        path = self.path.split("?")[0]
        if path == "/ok":
            self.send_json(200, {"ok": True})
        elif path == "/echo":
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


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sys.stdin.read()  # exit when the test closes our stdin
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
