#!/bin/sh
# Builds TextThroughput in release mode from the library sources and runs it.
# Usage: Benchmarks/TextThroughput/run.sh [english-text-file]
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/.build/text-throughput"
mkdir -p "$out"
swiftc -O -wmo -module-name TextThroughput -I "$root/Sources/CStemmer" \
    "$root"/Sources/QuarryText/*.swift "$root/Benchmarks/TextThroughput/main.swift" -o "$out/text-throughput"
"$out/text-throughput" "$@"
