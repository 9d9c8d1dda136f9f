#!/usr/bin/env bash
# Issue 2 benchmark: a generated 10,000-scenario suite run on the fixture mock, release build,
# process start to reports written (all three report files plus console output to /dev/null).
#
# Baselines measured in the same run, on the same files:
#   - python-parse: Python's json module reading and parsing every scenario file (what "just reading
#     the suite" costs on this machine);
#   - validate: the tool loading and checking the suite without running it.
#
# usage: Benchmarks/suite-throughput.sh [COUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}
RUNS=${2:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product anyint-conformance >/dev/null
BIN=$PWD/.build/release/anyint-conformance
python3 Benchmarks/generate_suite.py "$WORK" "$COUNT"
cd "$WORK"

measure() { # name, command...
    local name=$1
    shift
    local walls=() rss=()
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o time.txt "$@" >/dev/null 2>&1 || true
        read -r w m <time.txt
        walls+=("$w")
        rss+=("$m")
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    local peak
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    printf '%-14s median %6.2f s  (%6.0f scenarios/s)  peak RSS %4d MB  runs: %s\n' "$name" "$median" \
        "$(echo "$COUNT / $median" | bc -l)" "$((peak / 1024))" "${walls[*]}"
}

echo "$COUNT scenarios in $(find scenarios -name '*.json' | wc -l) files, $RUNS runs each, $(nproc) cores"
measure python-parse python3 -c 'import json,glob; [json.load(open(f)) for f in glob.glob("scenarios/**/*.json", recursive=True)]'
measure validate "$BIN" validate
measure run "$BIN" run --report-dir Reports
test -s Reports/report.json && test -s Reports/junit.xml && test -s Reports/report.md
"$BIN" run --report-dir Reports --format console | tail -1
