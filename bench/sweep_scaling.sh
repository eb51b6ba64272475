#!/usr/bin/env bash
# The speed-up of a sweep over threads: runs the same sweep from scratch (--fresh) with
# 1 thread and with N threads, alternating REPEATS times, prints one JSON line per run
# and checks that every run wrote the identical table.
#
#   bench/sweep_scaling.sh [BUILD_DIR] [SWEEP] [THREADS] [REPEATS]
#   bench/sweep_scaling.sh build scenarios/bench/sweep-100.yaml 2 3
set -euo pipefail
build=${1:-build}; sweep=${2:-scenarios/bench/sweep-100.yaml}; threads=${3:-2}; repeats=${4:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
reference=""
for ((r = 1; r <= repeats; r++)); do
  for t in 1 "$threads"; do
    start=$(date +%s.%N)
    "$build/fleetsim" sweep "$sweep" --fresh --threads "$t" --progress never --quiet --out "$out/$t" || [ $? -eq 1 ]
    end=$(date +%s.%N)
    sum=$(sha256sum "$out/$t/table.csv" | cut -c1-16)
    [ -z "$reference" ] && reference=$sum
    [ "$sum" = "$reference" ] || { echo "tables differ between thread counts" >&2; exit 1; }
    runs=$(ls "$out/$t/points" | wc -l)
    echo "{\"sweep\": \"$sweep\", \"threads\": $t, \"repeat\": $r, \"points\": $runs, \"wall_s\": $(echo "$end - $start" | bc), \"table_sha256\": \"$sum\"}"
  done
done
