#!/usr/bin/env bash
# Parallel speed-up of the engine on PHOLD: the same run (same partitions) with 1 thread
# and with each thread count given, REPS times each, median rates and the speed-up over
# 1 thread. Checksums must agree across thread counts.
#
#   bench/phold_scaling.sh [BUILD_DIR] [LPS] [END] [PARTITIONS] [REPS] [THREADS...]
#   bench/phold_scaling.sh build 16384 30 2 5 2
set -euo pipefail
build=${1:-build}; lps=${2:-16384}; end=${3:-30}; parts=${4:-2}; reps=${5:-5}
shift $(( $# < 5 ? $# : 5 ))
threads=("$@"); [ ${#threads[@]} -gt 0 ] || threads=(2)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {
  local rates=() sum
  for ((i = 0; i < reps; i++)); do
    out=$("$build/fleetsim" bench phold --lps "$lps" --end "$end" --partitions "$parts" --threads "$1")
    rates+=("$(echo "$out" | sed -E 's/.*"events_per_s":([0-9.e+]+).*/\1/')")
    sum=$(echo "$out" | sed -E 's/.*"checksum":"([0-9a-f]+)".*/\1/')
  done
  echo "$(median "${rates[@]}") $sum"
}
read -r base base_sum < <(run 1)
for t in "${threads[@]}"; do
  read -r rate sum < <(run "$t")
  [ "$sum" = "$base_sum" ] || { echo "checksum differs at $t threads" >&2; exit 1; }
  awk -v b="$base" -v r="$rate" -v t="$t" -v l="$lps" -v p="$parts" 'BEGIN {
    printf "{\"lps\":%d,\"partitions\":%d,\"threads\":%d,\"events_per_s_1_thread\":%.0f,\"events_per_s\":%.0f,\"speedup\":%.3f}\n", l, p, t, b, r, r / b }'
done
