#!/usr/bin/env python3
"""A small logging HTTP proxy for the live transport tests: CONNECT tunnels and absolute-form requests.

Prints "http://127.0.0.1:PORT" on its first line, then serves until its stdin closes. Every request it
gets is appended to --log FILE as a JSON line: {"method", "target", "headers": [[name, value], ...]}.

Options:
  --log FILE               where the JSON lines go (required)
  --refuse-connect STATUS  answer every CONNECT with this status (e.g. 403) instead of tunnelling
  --require-auth USER:PASS answer 407 unless Proxy-Authorization carries these (Basic)
"""
import base64
import json
import socket
import socketserver
import sys
import threading

ARGS = sys.argv[1:]


def option(name, default=None):
    return ARGS[ARGS.index(name) + 1] if name in ARGS else default


LOG = option("--log")
REFUSE = option("--refuse-connect")
AUTH = option("--require-auth")
LOCK = threading.Lock()


def log(entry):
    with LOCK, open(LOG, "a") as f:
        f.write(json.dumps(entry) + "\n")


def read_head(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    return head.decode("latin-1"), rest


def pipe(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        client = self.request
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        head, rest = read_head(client)
        if head is None:
            return
        lines = head.split("\r\n")
        method, target, _ = (lines[0].split(" ", 2) + ["", ""])[:3]
        headers = [[l.split(":", 1)[0], l.split(":", 1)[1].strip()] for l in lines[1:] if ":" in l]
        log({"method": method, "target": target, "headers": headers})
        if AUTH is not None:
            want = "Basic " + base64.b64encode(AUTH.encode()).decode()
            got = next((v for n, v in headers if n.lower() == "proxy-authorization"), None)
            if got != want:
                client.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                               b"Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                return
        if method == "CONNECT":
            if REFUSE:
                client.sendall(f"HTTP/1.1 {REFUSE} Refused by policy\r\nContent-Length: 0\r\n\r\n".encode())
                return
            host, port = target.rsplit(":", 1)
            try:
                upstream = socket.create_connection((host, int(port)))
            except OSError:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            if rest:
                upstream.sendall(rest)
            t = threading.Thread(target=pipe, args=(upstream, client), daemon=True)
            t.start()
            pipe(client, upstream)
            t.join()
            return
        # An absolute-form request: forward it in origin form, one request per connection.
        if not target.startswith("http://"):
            client.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return
        hostport, _, path = target[len("http://"):].partition("/")
        host, _, port = hostport.partition(":")
        length = int(next((v for n, v in headers if n.lower() == "content-length"), "0") or 0)
        body = rest
        while len(body) < length:
            chunk = client.recv(65536)
            if not chunk:
                break
            body += chunk
        kept = [f"{n}: {v}" for n, v in headers
                if not n.lower().startswith("proxy-") and n.lower() != "connection"]
        request = "\r\n".join([f"{method} /{path} HTTP/1.1"] + kept + ["Connection: close", "", ""])
        try:
            upstream = socket.create_connection((host, int(port or 80)))
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        upstream.sendall(request.encode("latin-1") + body)
        pipe(upstream, client)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
