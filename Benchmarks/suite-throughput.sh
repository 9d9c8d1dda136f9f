#!/usr/bin/env bash
# Suite throughput on the fixture mock (issues 2 and 9), release build, process start to all reports written
# (report.json, junit.xml, report.md, console output to /dev/null).
#
# Suites: COUNT scenarios replicated from the shipped request/expect scenarios (Benchmarks/replicate_shipped.py),
# written minified (one line per file, as a generating script writes them), in each layout of LAYOUTS
# (scenarios per file), plus BIG scenarios at 500 per file. Every run uses the shipped Fixtures/ and
# --no-delays (the recorded stream pacing would otherwise measure sleeping, not the harness).
#
# Baselines measured in the same run, on the same files:
#   - python-parse: Python's json module reading and parsing every scenario file;
#   - validate: the tool loading and checking the suite without running it;
#   - BASELINE_BIN (optional): another build of the tool (e.g. main's), its validate and run, each capped at
#     BASELINE_TIMEOUT seconds (a capped figure prints as ">N").
#
# usage: Benchmarks/suite-throughput.sh [RUNS]
#   env: COUNT (10000), LAYOUTS ("1 50 500 10000"), BIG (100000; 0 skips it), BASELINE_BIN, BASELINE_TIMEOUT (120)
# Prints one Markdown table (paste it into Benchmarks/README.md) and the run-time spread across layouts.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
COUNT=${COUNT:-10000}
LAYOUTS=${LAYOUTS:-"1 50 500 10000"}
BIG=${BIG:-100000}
BASELINE_TIMEOUT=${BASELINE_TIMEOUT:-120}
REPO=$PWD
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product anyint-conformance >/dev/null
BIN=$REPO/.build/release/anyint-conformance

suites=()
for per in $LAYOUTS; do
    python3 Benchmarks/replicate_shipped.py "$WORK/s$COUNT-$per" "$COUNT" --per-file "$per"
    suites+=("$COUNT $per")
done
if [ "$BIG" -gt 0 ]; then
    python3 Benchmarks/replicate_shipped.py "$WORK/s$BIG-500" "$BIG" --per-file 500
    suites+=("$BIG 500")
fi

# measure COUNT NAME RUNS CAP command... -> one table row; sets LAST_MEDIAN
measure() {
    local count=$1 name=$2 runs=$3 cap=$4
    shift 4
    local walls=() rss=() cpus=() capped="" load
    load=$(cut -d' ' -f1 /proc/loadavg)
    for _ in $(seq "$runs"); do
        rm -f time.txt
        local rc=0
        timeout "$cap" /usr/bin/time -f "%e %M %U %S" -o time.txt "$@" >/dev/null 2>&1 || rc=$?
        if [ "$rc" = 124 ] || [ ! -s time.txt ]; then
            capped=">$cap"
            break
        fi
        read -r w m u sy < <(tail -1 time.txt)
        walls+=("$w")
        rss+=("$m")
        cpus+=("$(echo "$u + $sy" | bc -l)")
    done
    if [ -n "$capped" ]; then
        printf '| %s | %s | %s s | - | - | - | - | %s |\n' "$SUITE" "$name" "$capped" "$load"
        LAST_MEDIAN=""
        return
    fi
    local median peak cpu lo hi
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((${#walls[@]} + 1) / 2))p")
    lo=$(printf '%s\n' "${walls[@]}" | sort -n | head -1)
    hi=$(printf '%s\n' "${walls[@]}" | sort -n | tail -1)
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(((${#cpus[@]} + 1) / 2))p")
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    printf '| %s | %s | %.2f s | %.2f-%.2f s | %.0f | %.2f s | %d MB | %s |\n' "$SUITE" "$name" "$median" \
        "$lo" "$hi" "$(echo "$count / $median" | bc -l)" "$cpu" "$((peak / 1024))" "$load"
    LAST_MEDIAN=$median
}

echo "$(date -u +%Y-%m-%d) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), median of $RUNS runs"
echo
echo "| suite | what | median wall | wall range | scenarios/s | median CPU (user+sys) | peak RSS | load avg (1 min, at start) |"
echo "|---|---|---|---|---|---|---|---|"
declare -A runs_by_layout
for s in "${suites[@]}"; do
    read -r count per <<<"$s"
    cd "$WORK/s$count-$per"
    files=$(find scenarios -name '*.json' ! -name variables.json | wc -l)
    SUITE="$count in $files file$([ "$files" = 1 ] || echo s)"
    runs=$RUNS
    [ "$count" -gt "$COUNT" ] && runs=$(((RUNS + 1) / 2))
    measure "$count" "baseline: Python json.load" "$runs" 600 python3 -c 'import json,glob
[json.load(open(f)) for f in glob.glob("scenarios/**/*.json", recursive=True)]'
    measure "$count" "validate" "$runs" 600 "$BIN" validate
    measure "$count" "**run**" "$runs" 600 "$BIN" run --fixtures "$REPO/Fixtures" --no-delays --report-dir Reports
    [ "$count" = "$COUNT" ] && runs_by_layout[$per]=$LAST_MEDIAN
    test -s Reports/report.json && test -s Reports/junit.xml && test -s Reports/report.md
    if ! "$BIN" run --fixtures "$REPO/Fixtures" --no-delays --report-dir Reports --format console | tail -1 |
        grep -q "^$count passed, 0 failed"; then
        echo "error: not every scenario of $SUITE passed" >&2
        exit 1
    fi
    if [ -n "${BASELINE_BIN:-}" ]; then
        measure "$count" "baseline binary: validate" 1 "$BASELINE_TIMEOUT" "$BASELINE_BIN" validate
        measure "$count" "baseline binary: run" 1 "$BASELINE_TIMEOUT" "$BASELINE_BIN" run \
            --fixtures "$REPO/Fixtures" --no-delays --report-dir Reports
    fi
    cd "$REPO"
done
echo
spread=$(printf '%s\n' "${runs_by_layout[@]}" | sort -n | sed -n '1p;$p' | paste -sd' ')
read -r fastest slowest <<<"$spread"
printf 'run of %s scenarios across layouts (%s per file): fastest %.2f s, slowest %.2f s, ratio %.2f\n' \
    "$COUNT" "$LAYOUTS" "$fastest" "$slowest" "$(echo "$slowest / $fastest" | bc -l)"
