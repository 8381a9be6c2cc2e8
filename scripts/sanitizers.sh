#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer (issue 7, part 4).
#
#   scripts/sanitizers.sh [address|thread|all] [--filter REGEX]
#
# Each sanitizer builds into its own scratch path (.build/san-<name>) so the normal debug build
# is untouched. Exit status: 0 when every selected run passes, 1 otherwise. Logs go to
# .build/san-<name>.log; the last lines of each are printed.
set -u
cd "$(dirname "$0")/.."
which="${1:-all}"; shift || true
filter=()
if [ "${1:-}" = "--filter" ]; then filter=(--filter "$2"); fi
case "$which" in
  all) sanitizers=(address thread) ;;
  address|thread) sanitizers=("$which") ;;
  *) echo "usage: $0 [address|thread|all] [--filter REGEX]" >&2; exit 2 ;;
esac
status=0
for s in "${sanitizers[@]}"; do
  log=".build/san-$s.log"
  mkdir -p .build
  echo "== swift test --sanitize=$s ${filter[*]:-}"
  start=$(date +%s)
  # halt_on_error: the first report fails the run; TSan second_deadlock_stack for clearer reports.
  if ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
     swift test --sanitize="$s" --scratch-path ".build/san-$s" ${filter[@]+"${filter[@]}"} >"$log" 2>&1; then
    echo "   passed in $(( $(date +%s) - start )) s"
  else
    echo "   FAILED in $(( $(date +%s) - start )) s (see $log)"; status=1
  fi
  grep -E "Test run with|Executed [0-9]+ tests|ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer" "$log" | tail -4
done
exit $status
