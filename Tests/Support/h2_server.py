#!/usr/bin/env python3
"""An HTTP/2 peer for the live transport tests: hypercorn (PyPI) serving a tiny ASGI app.

Every request is answered 200 with JSON {"httpVersion": ..., "method": ..., "path": ..., "headers": [[n, v]...]}.
Options: --tls CERT KEY serves HTTPS (h2 by ALPN, else HTTP/1.1); without it, plain HTTP/1.1 and h2c.
Prints the base URL on its first line; exits when stdin closes.
"""
import asyncio
import json
import os
import socket
import sys
import threading

from hypercorn.asyncio import serve
from hypercorn.config import Config


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    while True:
        message = await receive()
        if not message.get("more_body"):
            break
    path = scope["path"] + ("?" + scope["query_string"].decode() if scope["query_string"] else "")
    body = json.dumps({
        "httpVersion": scope["http_version"], "method": scope["method"], "path": path,
        "headers": [[k.decode("latin-1"), v.decode("latin-1")] for k, v in scope["headers"]],
    }).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def main():
    args = sys.argv[1:]
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    sock.set_inheritable(True)
    config = Config()
    config.bind = [f"fd://{sock.fileno()}"]
    config.accesslog = None
    config.errorlog = None
    scheme = "http"
    if "--tls" in args:
        i = args.index("--tls")
        config.certfile, config.keyfile = args[i + 1], args[i + 2]
        scheme = "https"
    print(f"{scheme}://127.0.0.1:{sock.getsockname()[1]}", flush=True)

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)  # at once: a graceful shutdown would wait for the client's idle keep-alive connections

    threading.Thread(target=watch_stdin, daemon=True).start()
    asyncio.run(serve(app, config))


if __name__ == "__main__":
    main()
