#!/usr/bin/env python3
"""A listening socket whose accept queue is full and never drained: a connect to it hangs (the kernel drops
the SYNs), as a firewalled or overloaded gateway does. For the connect-timeout tests.

Prints "http://127.0.0.1:PORT" on its first line; exits when stdin closes.
"""
import socket
import sys
import time

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(0)
held = []
for _ in range(3):
    c = socket.socket()
    c.setblocking(False)
    try:
        c.connect(server.getsockname())
    except BlockingIOError:
        pass
    held.append(c)
time.sleep(0.2)
print(f"http://127.0.0.1:{server.getsockname()[1]}", flush=True)
sys.stdin.read()
