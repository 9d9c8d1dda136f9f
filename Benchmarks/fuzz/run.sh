#!/usr/bin/env bash
# Builds the libFuzzer targets with `swiftc -sanitize=fuzzer` and runs each for SECONDS (default 60).
#
#   Benchmarks/fuzz/run.sh [SECONDS] [TARGET...]     targets: json scenario fixture sse request-head
#
# ConformanceCore is compiled once into a static library with coverage instrumentation (rebuilt when a
# source changes); each target links it. Nothing here touches the main package: `swift build` and
# `swift test` never see these files. Corpora grow in .build/fuzz/corpus-TARGET (seeded from the repo's
# scenarios, fixtures and Benchmarks/fuzz/seeds); a failing input is written to .build/fuzz/crashes/.
set -euo pipefail
# Let libFuzzer, not the Swift runtime's backtracer, handle a crash: it then saves the input.
export SWIFT_BACKTRACE=enable=no
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/.build/fuzz"
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(json scenario fixture sse request-head)
mkdir -p "$out/crashes"

mapfile -t core < <(find "$root/Sources/ConformanceCore" -name '*.swift' | sort)
stamp=$(cat "${core[@]}" | sha256sum | cut -c1-16)
if [ ! -f "$out/core-$stamp.stamp" ]; then
  echo "building ConformanceCore with -sanitize=fuzzer (a few minutes)..." >&2
  # A fresh archive: building into an old one keeps the objects of renamed or removed files (duplicate symbols).
  rm -f "$out/libConformanceCore.a" "$out"/ConformanceCore.swift*
  swiftc -parse-as-library -module-name ConformanceCore -O -sanitize=fuzzer \
    -emit-module -emit-module-path "$out/ConformanceCore.swiftmodule" \
    -emit-library -static -o "$out/libConformanceCore.a" "${core[@]}"
  rm -f "$out"/core-*.stamp
  touch "$out/core-$stamp.stamp"
fi

seed_dirs() {
  local name=$1 dir="$out/seeds-$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  case $name in
    json|scenario) find "$root/scenarios" -name '*.json' ! -name '*.schema.json' -size -64k -exec cp {} "$dir/" \; ;;
    fixture) find "$root/Fixtures" -name '*.fixture.json' -size -64k | head -300 | while read -r f; do
               cp "$f" "$dir/$(echo "$f" | sha256sum | cut -c1-12).json"; done ;;
    sse|request-head) cp "$here/seeds/$name"/* "$dir/" ;;
  esac
  echo "$dir"
}

for name in "${targets[@]}"; do
  case $name in
    json) files=("$here/FuzzJSON.swift") ;;
    scenario) files=("$here/FuzzScenario.swift") ;;
    fixture) files=("$here/FuzzFixture.swift") ;;
    sse) files=("$here/FuzzSSE.swift") ;;
    request-head)
      files=("$here/FuzzRequestHead.swift" "$root/Sources/MockServer/RequestHead.swift"
        "$root/Sources/MockServer/RequestHeadParser.swift") ;;
    *) echo "unknown target '$name' (json scenario fixture sse request-head)" >&2; exit 2 ;;
  esac
  swiftc -parse-as-library -O -sanitize=fuzzer -I "$out" -L "$out" -lConformanceCore \
    "$here/FuzzSupport.swift" "${files[@]}" -o "$out/fuzz-$name"
  mkdir -p "$out/corpus-$name"
  seeds=$(seed_dirs "$name")
  echo "== $name: ${seconds}s" >&2
  set +e
  "$out/fuzz-$name" -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 \
    -artifact_prefix="$out/crashes/$name-" "$out/corpus-$name" "$seeds" >"$out/$name.log" 2>&1
  status=$?
  set -e
  runs=$(grep -m1 'stat::number_of_executed_units' "$out/$name.log" | awk '{print $2}' || true)
  cov=$(grep -E '^#[0-9]+.*cov:' "$out/$name.log" | tail -1 | sed -E 's/.*cov: ([0-9]+).*/\1/' || true)
  corpus=$(find "$out/corpus-$name" -type f | wc -l)
  if [ $status -eq 0 ]; then
    verdict=ok
  else
    why=$(grep -m1 -E 'fuzz property failed|Fatal error|ERROR: libFuzzer' "$out/$name.log" | cut -c1-160 || true)
    verdict="FOUND: ${why:-a crash} (input in $out/crashes/, log $out/$name.log)"
  fi
  printf '%-13s %6ss  %10s runs  cov %6s  corpus %5s  %s\n' "$name" "$seconds" "${runs:-?}" "${cov:-?}" "$corpus" "$verdict"
done
