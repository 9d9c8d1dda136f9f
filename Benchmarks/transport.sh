#!/usr/bin/env bash
# Issue 13 benchmarks: the libcurl live transport. Release builds; every figure beside a baseline measured in
# the same run. One command re-measures everything (the machine may be shared: take figures from a quiet one).
#
#   1. raw loopback: 10,000 GET /openai/v1/models scenarios against mock serve at --concurrency 8, process start
#      to reports written (goal >= 8,000 scenarios/s). Base: wrk -c 8 on the same request. Also: the same suite
#      replayed offline (no transport at all), and the baseline binary (URLSession) on the same suite.
#      (The pool-of-easy-handles design this was compared with lives in commit ff0617b, see Benchmarks/README.md.)
#   2. latency-bound: mock serve --delay-ms 200, 2,000 scenarios at --concurrency 64 (ideal 6.25 s, goal within
#      1.1x), beside the baseline binary.
#   3. start-up: `--version` of this build and of the baseline's, side by side (hyperfine).
#   4. large answers, each as one live scenario with a 2,000 ms limit: a 200 MiB body (default 64 MiB cap), a
#      200 MiB body trickled at 20 MiB/s (the limit ends it), and a gzip bomb (200 MiB of zeros, ~200 KiB on the
#      wire); wall time, outcome and peak RSS, beside the baseline binary (killed after 60 s).
#
# usage: Benchmarks/transport.sh [BASELINE_REF]   (default main; built into .build-baseline/)
#        REPEAT=N takes the best of N runs for 1 and 2 (default 3); SECTIONS=24 runs only sections 2 and 4.
# Needs wrk, hyperfine, python3 (apt-get install wrk hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
REF=${1:-main}
REPEAT=${REPEAT:-3}
SECTIONS=${SECTIONS:-1234}
want() { [[ $SECTIONS == *$1* ]]; }
WORK=$(mktemp -d)
MOCK_KEY=sk-anyint-mock
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== building (release): this tree, and $REF into .build-baseline"
swift build -c release --product anyint-conformance >/dev/null
BIN=$ROOT/.build/release/anyint-conformance
COMMIT=$(git rev-parse "$REF")
if [ "$(cat .build-baseline/commit 2>/dev/null)" != "$COMMIT" ]; then
    rm -rf .build-baseline/src && mkdir -p .build-baseline/src
    git archive "$COMMIT" | tar -x -C .build-baseline/src
    echo "$COMMIT" >.build-baseline/commit
fi
swift build -c release --product anyint-conformance --package-path .build-baseline/src \
    --scratch-path "$ROOT/.build-baseline/build" >/dev/null
BASE=$ROOT/.build-baseline/build/release/anyint-conformance
echo "baseline: $REF = ${COMMIT:0:10}"

python3 Benchmarks/generate_models_suite.py "$WORK/suite10k" 10000
python3 Benchmarks/generate_models_suite.py "$WORK/suite2k" 2000

serve() { # extra args...; sets URL
    rm -f "$WORK/serve.out"
    "$BIN" mock serve --port 0 --fixtures "$ROOT/Fixtures" "$@" >"$WORK/serve.out" 2>/dev/null &
    SERVER=$!
    PIDS+=("$SERVER")
    until [ -s "$WORK/serve.out" ]; do sleep 0.05; done
    URL=$(head -1 "$WORK/serve.out")
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
best() { python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" "$@"; }
run_suite() { # binary suite-dir concurrency count [env...] -> best wall seconds of REPEAT
    local bin=$1 dir=$2 conc=$3 count=$4; shift 4
    local times=()
    for _ in $(seq "$REPEAT"); do
        rm -rf "$WORK/r"
        (cd "$dir" && env ANYINT_API_KEY=$MOCK_KEY "$@" /usr/bin/time -f "%e" -o "$WORK/t" "$bin" run \
            --target live --base-url "$URL" --concurrency "$conc" --format json --report-dir "$WORK/r" \
            >/dev/null 2>"$WORK/err" || true)
        python3 -c "import json,sys; s=json.load(open('$WORK/r/report.json'))['summary']; sys.exit(0 if s['passed']==$count else 'not all passed: %s' % s)"
        times+=("$(cat "$WORK/t")")
    done
    best "${times[@]}"
}
rate() { python3 -c "print(round($1/$2))"; }

if want 1; then
echo
echo "== 1. raw loopback: 10,000 scenarios, 8 in flight, process start to reports written (best of $REPEAT)"
serve
WRK=$(wrk -t2 -c8 -d5s -H "Authorization: Bearer $MOCK_KEY" "$URL/openai/v1/models" | awk '/Requests\/sec/ {print $2}')
MULTI=$(run_suite "$BIN" "$WORK/suite10k" 8 10000)
OLD=$(run_suite "$BASE" "$WORK/suite10k" 8 10000)
REPLAY=()
for _ in $(seq "$REPEAT"); do
    (cd "$WORK/suite10k" && /usr/bin/time -f "%e" -o "$WORK/t" "$BIN" run --fixtures "$ROOT/Fixtures" --no-delays \
        --concurrency 8 --format json --report-dir "$WORK/r" >/dev/null 2>&1 || true)
    REPLAY+=("$(cat "$WORK/t")")
done
REPLAY=$(best "${REPLAY[@]}")
stop
echo "wrk -t2 -c8, same request:            $WRK requests/s"
echo "anyint-conformance (libcurl):         $MULTI s = $(rate 10000 "$MULTI") scenarios/s ($(python3 -c "print(round(10000/$MULTI/$WRK*100, 1))")% of wrk)"
echo "baseline binary (URLSession):         $OLD s = $(rate 10000 "$OLD") scenarios/s"
echo "same suite replayed, no transport:    $REPLAY s = $(rate 10000 "$REPLAY") scenarios/s"
fi

if want 2; then
echo
echo "== 2. latency-bound: every answer +200 ms, 2,000 scenarios, 64 in flight (ideal 6.25 s, goal <= 6.875 s)"
serve --delay-ms 200
MULTI=$(run_suite "$BIN" "$WORK/suite2k" 64 2000)
OLD=$(run_suite "$BASE" "$WORK/suite2k" 64 2000)
stop
echo "anyint-conformance (libcurl):         $MULTI s = $(python3 -c "print(round($MULTI/6.25, 3))")x ideal"
echo "baseline binary (URLSession):         $OLD s = $(python3 -c "print(round($OLD/6.25, 3))")x ideal"
fi

if want 3; then
echo
echo "== 3. start-up: --version (hyperfine, mean of many)"
hyperfine -N --warmup 10 --runs 200 --export-json "$WORK/h.json" "$BIN --version" "$BASE --version" >/dev/null 2>&1
python3 - "$WORK/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
new, old = r[0]["mean"] * 1000, r[1]["mean"] * 1000
print(f"this build: {new:.2f} ms   baseline: {old:.2f} ms   baseline/this = {old/new:.2f}x")
PY
echo "libraries at start (ldd): this build $(ldd "$BIN" | wc -l), baseline $(ldd "$BASE" | wc -l); FoundationNetworking linked: $(ldd "$BIN" | grep -c FoundationNetworking || true) / $(ldd "$BASE" | grep -c FoundationNetworking || true)"
fi

want 4 || exit 0
echo
echo "== 4. large answers, 2,000 ms limit (wall s, outcome, peak RSS MB)"
rm -f "$WORK/fault.out"
# The fault server exits when its stdin closes: hold a FIFO open for it until this script ends.
mkfifo "$WORK/fault.in"
python3 Tests/Support/fault_server.py <"$WORK/fault.in" >"$WORK/fault.out" 2>/dev/null &
PIDS+=($!)
exec 4>"$WORK/fault.in"
until [ -s "$WORK/fault.out" ]; do sleep 0.05; done
FAULT=$(head -1 "$WORK/fault.out")
curl -s -o /dev/null --max-time 60 "$FAULT/gzip-bomb?mb=200"  # the server compresses the bomb once, on first use
large() { # name path accept-encoding
    mkdir -p "$WORK/large/$1/scenarios"
    local headers='{}'
    [ -n "$3" ] && headers="{\"accept-encoding\": \"$3\"}"
    echo "{\"id\": \"large.$1\", \"summary\": \"$1\", \"family\": \"openai\", \"request\": {\"method\": \"GET\", \"path\": \"$2\", \"headers\": $headers, \"timeoutMs\": 2000}, \"expect\": {\"status\": 200}}" \
        >"$WORK/large/$1/scenarios/s.json"
    for which in this baseline; do
        local bin=$BIN; [ $which = baseline ] && bin=$BASE
        rm -rf "$WORK/r"
        (cd "$WORK/large/$1" && ANYINT_API_KEY=k /usr/bin/time -f "%e %M" -o "$WORK/t" timeout -k 5 60 "$bin" run \
            --target live --base-url "$FAULT" --format json --report-dir "$WORK/r" >/dev/null 2>&1 || true)
        local outcome="killed after 60 s"
        [ -f "$WORK/r/report.json" ] && outcome=$(python3 -c "import json; s=json.load(open('$WORK/r/report.json'))['scenarios'][0]; print(s['outcome'], '-', (s.get('message') or '')[:90])")
        read -r wall rss < <(tail -1 "$WORK/t") || true  # time prefixes a line when the exit code is not 0
        printf "%-10s %-9s %6s s %6s MB  %s\n" "$1" "$which" "$wall" "$((${rss:-0} / 1024))" "$outcome"
    done
}
large body200 "/huge?mb=200" ""
large slow200 "/huge?mb=200&rate=20" ""
large gzipbomb "/gzip-bomb?mb=200" "gzip"
