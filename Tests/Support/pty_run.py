"""Runs a command under a pseudo-terminal (its stdin, stdout and stderr are the terminal, 200 columns wide)
and prints each chunk of output it writes as a JSON line {"t": seconds since start, "data": text}, then
{"exit": code}. Used by the end-to-end tests of the progress status line."""
import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios
import time

start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])
while True:
    ready, _, _ = select.select([fd], [], [], 0.5)
    if not ready:
        continue
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    print(json.dumps({"t": time.monotonic() - start, "data": data.decode("utf-8", "replace")}), flush=True)
_, status = os.waitpid(pid, 0)
print(json.dumps({"exit": os.waitstatus_to_exitcode(status)}), flush=True)
