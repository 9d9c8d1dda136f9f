#!/usr/bin/env bash
# Issue 10 benchmark: what redaction costs. A generated suite (Benchmarks/generate_suite.py) is run on the
# fixture mock, release build, process start to reports written, three ways:
#   - no-secrets: no key in the environment (the redactor has nothing to look for and returns at once);
#   - secrets: ANYINT_API_KEY and two --secret-env values set, so every console line and every byte of
#     report.json, junit.xml and report.md is scanned for every form of three secrets;
#   - merge: report merge of the run's report.json with the same secrets (read, scan, write all formats).
# The no-secrets run is the baseline measured in the same run.
#
# usage: Benchmarks/redaction.sh [COUNT] [RUNS]
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
    local walls=() rss=() users=()
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M %U" -o time.txt "$@" >/dev/null 2>&1 || true
        read -r w m u <time.txt
        users+=("$u")
        walls+=("$w")
        rss+=("$m")
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    local peak
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    local user
    user=$(printf '%s\n' "${users[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    printf '%-12s median %6.2f s wall, %6.2f s user  peak RSS %4d MB  runs: %s\n' "$name" "$median" "$user" \
        "$((peak / 1024))" "${walls[*]}"
}

echo "$COUNT scenarios, $RUNS runs each, $(nproc) cores"
measure no-secrets env -u ANYINT_API_KEY "$BIN" run --report-dir Reports
bytes=$(cat Reports/report.json Reports/junit.xml Reports/report.md | wc -c)
echo "reports: $((bytes / 1024 / 1024)) MB scanned per run"
export ANYINT_API_KEY=sk-bench-Zq81xLw0pRt5vNc2mKd7hYa3 TOKEN_A=tok-9f8e7d6c5b4a3210-bench TOKEN_B='p@ss/w+rd wörd~~??'
measure secrets "$BIN" run --report-dir Reports --secret-env TOKEN_A --secret-env TOKEN_B
cp Reports/report.json whole.json
measure merge "$BIN" report merge whole.json --report-dir Merged --secret-env TOKEN_A --secret-env TOKEN_B
measure merge-plain env -u ANYINT_API_KEY "$BIN" report merge whole.json --report-dir Merged
test -s Merged/report.json && test -s Reports/junit.xml && test -s Reports/report.md
"$BIN" run --report-dir Reports --format console --secret-env TOKEN_A --secret-env TOKEN_B | tail -1
