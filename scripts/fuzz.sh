#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a given time (issue 7, part 3).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      targets: html charset tokenizer query search index
#
# How: the library modules are built by SwiftPM with `--sanitize=fuzzer --sanitize=address` into
# .build/fuzz (coverage instrumentation + ASan, debug, testable); each Fuzz/Fuzz<Name>.swift
# harness is then compiled with `swiftc -sanitize=fuzzer,address` against those modules and
# linked with their object files — no fuzz targets in Package.swift.
# Corpora live in Fuzz/corpus/<target> (seeded from Fuzz/seeds/<target> if present); crashes are
# written to Fuzz/crashes/<target>/. A summary line per target gives executions and crashes;
# every crash must become a regression test (Tests/*/FuzzRegressionTests.swift).
set -u
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(html charset tokenizer query search index)
scratch=.build/fuzz
jobs="${FUZZ_BUILD_JOBS:-2}"

mkdir -p "$scratch"  # a fresh checkout has no .build yet for the build log
echo "== building instrumented modules (once)"
swift build --sanitize=fuzzer --sanitize=address --scratch-path "$scratch" -j "$jobs" \
  --target QuarrySearch >"$scratch.build.log" 2>&1 || { tail -20 "$scratch.build.log"; exit 1; }
swift build --sanitize=fuzzer --sanitize=address --scratch-path "$scratch" -j "$jobs" \
  --target QuarryIngest >>"$scratch.build.log" 2>&1 || { tail -20 "$scratch.build.log"; exit 1; }
bin="$scratch/debug"
objects() { for m in "$@"; do ls "$bin/$m.build/"*.o; done; }
cflags=(-Xcc -fmodule-map-file=Sources/CLibXML2/module.modulemap -Xcc -fmodule-map-file=Sources/CStemmer/module.modulemap
        -Xcc -fmodule-map-file=Sources/CZstd/module.modulemap -Xcc -fmodule-map-file="$bin/CCRC32C.build/module.modulemap" -Xcc -fmodule-map-file="$bin/CPrefetch.build/module.modulemap" $(pkg-config --cflags-only-I libxml-2.0 | sed 's/-I/-Xcc -I/g'))
libs=(-lxml2 -lstemmer -lzstd)

status=0
mkdir -p Fuzz/bin
for t in "${targets[@]}"; do
  case "$t" in
    html) src=Fuzz/FuzzHTML.swift; mods=(QuarryText QuarryIngest) ;;
    charset) src=Fuzz/FuzzCharset.swift; mods=(QuarryText QuarryIngest) ;;
    tokenizer) src=Fuzz/FuzzTokenizer.swift; mods=(QuarryText) ;;
    query) src=Fuzz/FuzzQuery.swift; mods=(QuarryText CCRC32C CPrefetch QuarryIndex QuarrySearch) ;;
    search) src=Fuzz/FuzzSearch.swift; mods=(QuarryText CCRC32C CPrefetch QuarryIndex QuarrySearch) ;;
    index) src=Fuzz/FuzzIndexReaders.swift; mods=(QuarryText CCRC32C CPrefetch QuarryIndex) ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  exe="Fuzz/bin/fuzz-$t"
  if [ ! -x "$exe" ] || [ "$src" -nt "$exe" ] || [ -n "$(find "$bin/" -name '*.o' -newer "$exe" -print -quit)" ]; then
    swiftc -sanitize=fuzzer,address -parse-as-library -g -I "$bin/Modules" "${cflags[@]}" "$src" \
      $(objects "${mods[@]}") "${libs[@]}" -o "$exe" >"$scratch-$t.link.log" 2>&1 \
      || { grep -v "ld.gold: warning" "$scratch-$t.link.log" | tail -20; echo "link of $t failed"; status=1; continue; }
  fi
  corpus="Fuzz/corpus/$t"; crashes="Fuzz/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  [ -d "Fuzz/seeds/$t" ] && cp -n Fuzz/seeds/$t/* "$corpus/" 2>/dev/null
  log="$scratch-$t.log"
  # Replay the saved crash inputs first: each must now run clean.
  if [ -d "Fuzz/regressions/$t" ] && [ -n "$(ls "Fuzz/regressions/$t")" ]; then
    if ASAN_OPTIONS=detect_leaks=0 "$exe" -rss_limit_mb=2048 -malloc_limit_mb=1024 Fuzz/regressions/$t/* >"$log.replay" 2>&1; then
      echo "fuzz $t: $(ls Fuzz/regressions/$t | wc -l) saved crash input(s) replayed clean"
    else
      echo "fuzz $t: a saved crash input fails again (see $log.replay)"; status=1
    fi
  fi
  ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 "$exe" "$corpus" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len=65536 -timeout=10 -artifact_prefix="$crashes/" \
    -print_final_stats=1 >"$log" 2>&1
  rc=$?
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  found=$(ls "$crashes" | wc -l)
  echo "fuzz $t: ${seconds}s, ${execs:-?} executions, exit $rc, $found crash/timeout/oom artifact(s) in $crashes"
  [ $rc -ne 0 ] && { grep -E "ERROR|SUMMARY|Fatal error|==[0-9]+==" "$log" | head -5; status=1; }
done
exit $status
