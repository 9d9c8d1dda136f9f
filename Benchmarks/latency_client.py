#!/usr/bin/env python3
"""Baseline client: COUNT GET requests with CONCURRENCY threads over keep-alive connections.

usage: latency_client.py BASE_URL PATH COUNT CONCURRENCY   (key from ANYINT_API_KEY); prints the wall seconds.
"""
import http.client
import os
import sys
import threading
import time
from urllib.parse import urlparse

base, path, count, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
u = urlparse(base)
headers = {"Authorization": "Bearer " + os.environ["ANYINT_API_KEY"]}
lock = threading.Lock()
left = [count]


def worker():
    c = http.client.HTTPConnection(u.hostname, u.port)
    while True:
        with lock:
            if left[0] == 0:
                return
            left[0] -= 1
        c.request("GET", path, headers=headers)
        c.getresponse().read()


start = time.time()
threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{time.time() - start:.2f}")
