#!/usr/bin/env bash
# Issue 4 benchmark: COUNT async scenarios whose tasks stay pending for 2 s each, polled every 100 ms, on the
# fixture mock in a release build. The polls must run concurrently: the goal is close to 2 s of wall time,
# not COUNT x 2 s. Baseline in the same run: ONE such scenario alone (the best any number of them can do).
#
# usage: Benchmarks/async-polls.sh [COUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-200}
RUNS=${2:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
swift build -c release --product anyint-conformance >/dev/null
BIN=$PWD/.build/release/anyint-conformance
python3 Benchmarks/generate_async.py "$WORK/many" "$COUNT" 2000 100
python3 Benchmarks/generate_async.py "$WORK/one" 1 2000 100

measure() { # name dir concurrency
    local walls=() rss=()
    for _ in $(seq "$RUNS"); do
        (cd "$2" && /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$BIN" run --concurrency "$3" --format json --report-dir "$WORK/r" >/dev/null) || true
        read -r w m <"$WORK/time.txt"
        walls+=("$w")
        rss+=("$m")
    done
    local median peak
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    printf '%-34s median %5.2f s  peak RSS %4d MB  runs: %s\n' "$1" "$median" "$((peak / 1024))" "${walls[*]}"
}
echo "$COUNT async scenarios, pending 2000 ms, poll every 100 ms; $(nproc) cores"
measure "baseline: 1 scenario" "$WORK/one" 1
measure "$COUNT scenarios, --concurrency $COUNT" "$WORK/many" "$COUNT"
python3 -c "import json; s=json.load(open('$WORK/r/report.json'))['summary']; print('last run:', s)"
