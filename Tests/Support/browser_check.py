#!/usr/bin/env python3
"""Open an anyint-conformance report.html in headless Chromium and check it works, over the DevTools protocol.

usage: browser_check.py REPORT.html REPORT.json [--chromium PATH] [--screenshot OUT.png] [--hostile]

REPORT.json is the report the page was made from; what the page should show is computed from it here, not
read from the page. Checks: one row per scenario once the list is fully rendered, failures first, the outcome,
family, tag and search filters show exactly the matching scenarios, the detail view opens (with the checks, the
request and the answer) and closes, the theme toggle works, no console error or uncaught exception, no network
request besides the file itself, and a screenshot that is not blank. With --hostile, also that nothing in the
report became markup or ran (no extra element, no `window.pwned`).

Prints one JSON object (the checks, the page's timings in ms) and exits 0 when every check passed, 1 otherwise,
2 when Chromium could not be started. Standard library only (a minimal websocket client is below).
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames, masking, fragmentation, ping."""

    def __init__(self, url):
        assert url.startswith("ws://")
        host_port, _, path = url[5:].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise IOError("websocket handshake: connection closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise IOError("websocket handshake refused: " + head.split(b"\r\n", 1)[0].decode())
        self.buf = head.split(b"\r\n\r\n", 1)[1]

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise IOError("websocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send(self, text):
        data = text.encode()
        header = bytearray([0x81])
        n = len(data)
        if n < 126:
            header.append(0x80 | n)
        elif n < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 0x9:  # ping
                continue
            if opcode == 0x8:
                raise IOError("websocket closed by the browser")
            message += payload
            if b0 & 0x80:
                return message.decode()


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="anyint-chromium-")
        args = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,900", "about:blank"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if time.time() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not start (no DevToolsActivePort)")
            time.sleep(0.05)
        port = int(open(port_file).read().split()[0])
        pages = []
        while not pages:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as r:
                pages = [t for t in json.load(r) if t.get("type") == "page"]
            if not pages:
                time.sleep(0.05)
        self.ws = WebSocket(pages[0]["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def eval(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"page script failed: {expression[:80]}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self):
        try:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def png_is_blank(png):
    """True when every pixel of the PNG has the same colour (or it cannot be read)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        return True
    pos, idat, width, height, bpp = 8, b"", 0, 0, 4
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}.get(colour, 4) * max(1, depth // 8)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours = set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 0xFF
            elif f == 2:
                line[x] = (line[x] + b) & 0xFF
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        if y % 8 == 0:
            for x in range(0, stride, bpp * 16):
                colours.add(bytes(line[x:x + bpp]))
        prev = line
    return len(colours) < 3


def family(s):
    f = s.get("family")
    return f if isinstance(f, str) and f else "none"


def tags_of(s):
    t = s.get("tags")
    return [x for x in t if isinstance(x, str)] if isinstance(t, list) else []


def main():
    args = sys.argv[1:]
    opts = {}
    for flag in ("--chromium", "--screenshot"):
        if flag in args:
            i = args.index(flag)
            opts[flag] = args[i + 1]
            del args[i:i + 2]
    hostile = "--hostile" in args
    args = [a for a in args if a != "--hostile"]
    html_path, json_path = os.path.abspath(args[0]), args[1]
    report = json.load(open(json_path, encoding="utf-8"))
    scenarios = report["scenarios"]
    chromium = opts.get("--chromium") or next(
        (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)
    if not chromium:
        print(json.dumps({"ok": False, "error": "no chromium on PATH"}))
        return 2
    try:
        browser = Browser(chromium)
    except Exception as e:
        print(json.dumps({"ok": False, "error": str(e)}))
        return 2
    results, out = [], {}

    def check(name, ok, detail=""):
        results.append({"check": name, "ok": bool(ok), "detail": detail})

    try:
        for domain in ("Runtime", "Log", "Network", "Page", "Performance"):
            browser.call(domain + ".enable")
        url = "file://" + html_path
        started = time.time()
        browser.call("Page.navigate", url=url)
        ready = False
        while time.time() - started < 120:
            if browser.eval("!!(window.anyintReport && window.anyintReport.ready)"):
                ready = True
                break
            time.sleep(0.02)
        out["wallToReadyMs"] = round((time.time() - started) * 1000)
        check("the list finished rendering", ready)
        timing = browser.eval(
            "(() => { const n = performance.getEntriesByType('navigation')[0] || {};"
            " return {domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd,"
            " firstRows: window.anyintReport && window.anyintReport.firstRowsAt,"
            " allRows: window.anyintReport && window.anyintReport.readyAt}; })()")
        out["pageMs"] = {k: round(v) for k, v in timing.items() if isinstance(v, (int, float))}
        # Main-thread busy time (seconds in the protocol): less sensitive than wall time to a loaded machine.
        metrics = {m["name"]: m["value"] for m in browser.call("Performance.getMetrics")["metrics"]}
        out["mainThreadMs"] = {k: round(metrics[k] * 1000) for k in
                               ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
                               if k in metrics}

        n = len(scenarios)
        rows = browser.eval("document.querySelectorAll('#scenarios .row[data-index]').length")
        distinct = browser.eval(
            "new Set([...document.querySelectorAll('#scenarios .row[data-index]')]"
            ".map(r => r.getAttribute('data-index'))).size")
        check("one row per scenario", rows == n and distinct == n, f"{rows} rows, {distinct} distinct, {n} scenarios")
        visible_js = "[...document.querySelectorAll('#scenarios .row[data-index]')].filter(r => !r.hidden)"
        visible = lambda: browser.eval(visible_js + ".length")
        check("every row shown at first", visible() == n)
        first = browser.eval("[...document.querySelectorAll('#scenarios .row[data-index]')]"
                             ".slice(0, 50).map(r => r.getAttribute('data-outcome'))")
        failing = sum(1 for s in scenarios if s["outcome"] in ("failed", "errored"))
        want = ["failed" if s["outcome"] in ("failed", "errored") else "x" for s in scenarios]
        got = ["failed" if o in ("failed", "errored") else "x" for o in first]
        check("failures first", got == sorted(want)[:len(got)], f"{failing} failing")

        # Outcome filter: untick "passed".
        passed = sum(1 for s in scenarios if s["outcome"] == "passed")
        browser.eval("document.querySelector('#filters input[value=passed]').click()")
        check("the outcome filter hides passed scenarios", visible() == n - passed, f"{visible()} of {n - passed}")
        browser.eval("document.querySelector('#filters input[value=passed]').click()")
        check("ticking it again shows them", visible() == n)

        # Family and tag filters.
        families = sorted({family(s) for s in scenarios})
        fam = families[0]
        browser.eval("(() => { const s = document.getElementById('filter-family'); s.value = %s;"
                     " s.dispatchEvent(new Event('change')); })()" % json.dumps(fam))
        want_fam = sum(1 for s in scenarios if family(s) == fam)
        check("the family filter", visible() == want_fam, f"{fam}: {visible()} of {want_fam}")
        browser.eval("document.getElementById('clear').click()")
        tags = sorted({t for s in scenarios for t in tags_of(s)})
        if tags:
            tag = tags[len(tags) // 2]
            browser.eval("(() => { const s = document.getElementById('filter-tag'); s.value = %s;"
                         " s.dispatchEvent(new Event('change')); })()" % json.dumps(tag))
            want_tag = sum(1 for s in scenarios if tag in tags_of(s))
            check("the tag filter", visible() == want_tag, f"{tag}: {visible()} of {want_tag}")
            browser.eval("document.getElementById('clear').click()")
        # Search: part of one scenario's id.
        target = scenarios[len(scenarios) // 2]
        query = target["id"][-12:].lower()
        browser.eval("(() => { const s = document.getElementById('search'); s.value = %s;"
                     " s.dispatchEvent(new Event('input')); })()" % json.dumps(query))
        want_q = sum(1 for s in scenarios if query in (s["id"] + "\n" + s.get("summary", "")).lower())
        # The search is debounced: wait for it (a loaded machine applies it later), up to 10 s.
        deadline = time.monotonic() + 10
        shown = visible()
        while shown != want_q and time.monotonic() < deadline:
            time.sleep(0.05)
            shown = visible()
        check("the search box", shown == want_q, f"{query!r}: {shown} of {want_q}")
        browser.eval("document.getElementById('clear').click()")
        check("clearing the filters shows every row", visible() == n)

        # Detail view: a failing scenario when there is one.
        pick = next((i for i, s in enumerate(scenarios) if s["outcome"] == "failed"), len(scenarios) // 2)
        s = scenarios[pick]
        browser.eval("document.querySelector('#scenarios .row[data-index=\"%d\"]').click()" % pick)
        detail = browser.eval("(() => { const d = document.getElementById('detail');"
                              " return {hidden: d.hidden, text: d.textContent}; })()")
        text = detail["text"]
        ok = not detail["hidden"] and s["id"] in text and "Checks" in text
        if s.get("request"):
            ok = ok and "Request as sent" in text and s["request"]["target"] in text
        for f in [f for f in s.get("failures") or [] if isinstance(f, dict)]:
            ok = ok and f["expected"] in text and f["actual"] in text
        check("the detail view opens with the scenario's checks", ok, s["id"])
        browser.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
        check("Escape closes it", browser.eval("document.getElementById('detail').hidden"))

        before = browser.eval("document.documentElement.getAttribute('data-theme')")
        browser.eval("document.getElementById('theme').click()")
        after = browser.eval("document.documentElement.getAttribute('data-theme')")
        check("the theme toggle", before != after, f"{before} -> {after}")

        if hostile:
            # Every detail view of the first scenarios builds (odd types included) and shows its id.
            opened = browser.eval(
                "(() => { const S = %d, ids = []; let ok = 0; for (let i = 0; i < S; i++) {"
                " window.anyintReport.open(i); if (!document.getElementById('detail').hidden) ok++; }"
                " window.anyintReport.close(); return ok; })()" % min(n, 200))
            check("every detail view opens", opened == min(n, 200), f"{opened} of {min(n, 200)}")
            check("nothing in the report ran", browser.eval("window.pwned === undefined"))
            check("no markup from the report", browser.eval(
                "document.querySelectorAll('script').length === 2 && !document.querySelector('img, iframe, #pwned')"))
            check("hostile text shown as text", browser.eval(
                "document.body.textContent.includes('</script>')"))

        browser.eval("window.scrollTo(0, 0)")
        shot = base64.b64decode(browser.call("Page.captureScreenshot", format="png")["data"])
        if "--screenshot" in opts:
            open(opts["--screenshot"], "wb").write(shot)
        check("the screenshot is not blank", not png_is_blank(shot), f"{len(shot)} bytes")

        browser.call("Runtime.evaluate", expression="0")  # flush pending events
        errors = []
        for e in browser.events:
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.exceptionThrown":
                errors.append(p["exceptionDetails"].get("exception", {}).get("description") or p["exceptionDetails"].get("text"))
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                errors.append(" ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif m == "Log.entryAdded" and p["entry"].get("level") in ("error", "warning"):
                errors.append(p["entry"].get("text"))
        check("no console errors", not errors, "; ".join(map(str, errors))[:2000])
        requests = [e["params"]["request"]["url"] for e in browser.events if e["method"] == "Network.requestWillBeSent"]
        others = [u for u in requests if u != url]
        check("no network request", not others, ", ".join(others)[:2000])
    except Exception as e:
        check("the page could be driven", False, repr(e))
    finally:
        browser.close()
    out["ok"] = all(r["ok"] for r in results)
    out["checks"] = results
    print(json.dumps(out, indent=1))
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
