#!/usr/bin/env bash
# Issue 15 benchmark: the HTML report of the shipped suite and of a generated 10,000-scenario run.
#
# Measures, on a release build:
#   - size of report.html next to report.json (the goal: under 5 MB at 10,000 scenarios);
#   - the writer: `report html --format html` of the 10,000-scenario report.json, beside the baseline
#     `report html --format json` (read, check and write the same report back as JSON), median of RUNS;
#   - opening in headless Chromium (Tests/Support/browser_check.py, which also runs the browser checks):
#     time to the first rows, to every row rendered, and wall time from navigation to ready, median of RUNS.
#     The goal: under 2 s to every row at 10,000 scenarios.
#
# usage: Benchmarks/html-report.sh [COUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}
RUNS=${2:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOT=$PWD
PY=${ANYINT_TEST_PYTHON:-python3}

swift build -c release --product anyint-conformance >/dev/null
BIN=$ROOT/.build/release/anyint-conformance

"$BIN" run --no-delays --quiet --report-dir "$WORK/shipped" --format json,html >/dev/null
python3 Benchmarks/generate_suite.py "$WORK/big" "$COUNT" >/dev/null
(cd "$WORK/big" && "$BIN" run --quiet --report-dir "$WORK/big/R" --format json,html >/dev/null 2>&1 || true)

size() { stat -c %s "$1"; }
printf 'sizes: shipped (%s scenarios) report.json %d B, report.html %d B; %s scenarios report.json %d B, report.html %d B\n' \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["scenarios"]))' "$WORK/shipped/report.json")" "$(size "$WORK/shipped/report.json")" \
    "$(size "$WORK/shipped/report.html")" "$COUNT" "$(size "$WORK/big/R/report.json")" "$(size "$WORK/big/R/report.html")"

median() { sort -n | sed -n "$(((RUNS + 1) / 2))p"; }
writer() { # name, format
    local walls=()
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$BIN" report html "$WORK/big/R/report.json" \
            --report-dir "$WORK/out" --format "$2" >/dev/null 2>&1 || true
        read -r w m <"$WORK/time.txt"
        walls+=("$w")
    done
    printf '%-28s median %5.2f s  peak RSS %4d MB  runs: %s\n' "$1" "$(printf '%s\n' "${walls[@]}" | median)" \
        "$((m / 1024))" "${walls[*]}"
}
writer "baseline: report html json" json
writer "report html html" html

browser() { # name, html, json
    local first=() all=() wall=()
    for _ in $(seq "$RUNS"); do
        "$PY" Tests/Support/browser_check.py "$2" "$3" >"$WORK/b.json" || { cat "$WORK/b.json"; exit 1; }
        read -r f a w < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["pageMs"]; print(p.get("firstRows",0), p.get("allRows",0), d["wallToReadyMs"])' "$WORK/b.json")
        first+=("$f"); all+=("$a"); wall+=("$w")
    done
    printf '%-28s first rows %5d ms  every row %5d ms  navigation to ready %5d ms (medians; runs: %s)\n' "$1" \
        "$(printf '%s\n' "${first[@]}" | median)" "$(printf '%s\n' "${all[@]}" | median)" \
        "$(printf '%s\n' "${wall[@]}" | median)" "${all[*]}"
}
browser "chromium: shipped suite" "$WORK/shipped/report.html" "$WORK/shipped/report.json"
browser "chromium: $COUNT scenarios" "$WORK/big/R/report.html" "$WORK/big/R/report.json"
