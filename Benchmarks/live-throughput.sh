#!/usr/bin/env bash
# Issue 3 benchmarks, release build, each beside a baseline measured in the same run:
#   1. latency-bound: mock serve adds 200 ms to every answer; 2,000 scenarios at --concurrency 64 (ideal
#      2000 / 64 x 0.2 s = 6.25 s; goal within 1.25x). Baseline: a plain Python client sending the same 2,000
#      requests with 64 threads.
#   2. raw loopback: 2,000 scenarios at --concurrency 8 against mock serve (goal >= 2,500 scenarios/s), and
#      wrk sending the same request with 8 connections.
#   3. mock serve under wrk -c 64 beside nginx serving a static JSON file (goal: at least half of nginx).
# Needs wrk and nginx (apt-get install wrk nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
KEY=sk-bench-key
export ANYINT_API_KEY=$KEY
cleanup() { kill $(jobs -p) 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
swift build -c release --product anyint-conformance >/dev/null
BIN=$PWD/.build/release/anyint-conformance
python3 Benchmarks/generate_models_suite.py "$WORK/suite" 2000

serve() { # extra args...; sets URL and SERVER
    rm -f "$WORK/serve.out"
    "$BIN" mock serve --port 0 --fixtures "$PWD/Fixtures" "$@" >"$WORK/serve.out" 2>/dev/null &
    SERVER=$!
    until [ -s "$WORK/serve.out" ]; do sleep 0.05; done
    URL=$(head -1 "$WORK/serve.out")
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
run_suite() { # url concurrency -> wall seconds
    (cd "$WORK/suite" && /usr/bin/time -f "%e" -o "$WORK/t" "$BIN" run --target live --base-url "$1" --concurrency "$2" --format json --report-dir "$WORK/r" >/dev/null)
    python3 -c "import json; s=json.load(open('$WORK/r/report.json'))['summary']; assert s['passed']==2000, s"
    cat "$WORK/t"
}

echo "== 1. latency-bound: every answer +200 ms, 2,000 requests, 64 in flight (ideal 6.25 s)"
serve --delay-ms 200
echo "python client, 64 threads:  $(python3 Benchmarks/latency_client.py "$URL" /openai/v1/models 2000 64) s"
echo "anyint-conformance run:     $(run_suite "$URL" 64) s"
stop

echo "== 2. raw loopback: 2,000 scenarios, 8 in flight"
serve
T=$(run_suite "$URL" 8)
echo "anyint-conformance run:     $T s = $(python3 -c "print(round(2000/$T))") scenarios/s (process start to reports written)"
# The same 2,000 scenarios as one minified file (issue 9: positions used to cost a scan per node there).
mv "$WORK/suite" "$WORK/suite-files"
python3 Benchmarks/generate_models_suite.py "$WORK/suite" 2000 --per-file 2000
T=$(run_suite "$URL" 8)
echo "  as one minified file:     $T s = $(python3 -c "print(round(2000/$T))") scenarios/s"
rm -rf "$WORK/suite"
mv "$WORK/suite-files" "$WORK/suite"
echo "wrk -c 8 same request:      $(wrk -t2 -c8 -d5s -H "Authorization: Bearer $KEY" "$URL/openai/v1/models" | awk '/Requests\/sec/ {print $2}') requests/s"

echo "== 3. mock serve vs nginx under wrk -t2 -c64 -d10s"
MOCK=$(wrk -t2 -c64 -d10s -H "Authorization: Bearer $KEY" "$URL/openai/v1/models" | awk '/Requests\/sec/ {print $2}')
stop
mkdir -p "$WORK/www/openai/v1"
python3 -c "import json; print(json.dumps(json.load(open('Fixtures/anyint/openai/models.list.fixture.json'))['response']['json']))" >"$WORK/www/openai/v1/models"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp; uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server { listen 127.0.0.1:18089; root $WORK/www; keepalive_requests 1000000; }
}
CONF
mkdir -p "$WORK/tmp"
nginx -c "$WORK/nginx.conf"
sleep 0.3
NGINX=$(wrk -t2 -c64 -d10s http://127.0.0.1:18089/openai/v1/models | awk '/Requests\/sec/ {print $2}')
echo "mock serve: $MOCK requests/s; nginx static file: $NGINX requests/s; ratio $(python3 -c "print(round($MOCK/$NGINX, 2))")"
