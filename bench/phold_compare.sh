#!/usr/bin/env bash
# Runs `fleetsim bench phold` and the hand-written reference loop side by side on the
# same parameters, alternating, REPS times each, and prints the median rates and their
# ratio. Both must report the same event count and checksum.
#
#   bench/phold_compare.sh [BUILD_DIR] [LPS] [END] [REPS] [extra fleetsim flags...]
#   bench/phold_compare.sh build 1024 1000 5
#   bench/phold_compare.sh build 16384 30 5 --partitions 8 --threads 2
set -euo pipefail
build=${1:-build}; lps=${2:-1024}; end=${3:-1000}; reps=${4:-5}
shift $(( $# < 4 ? $# : 4 ))
extra=("$@")
eng=(); ref=(); sums=()
field() { sed -E "s/.*\"$1\":\"?([^,\"}]*).*/\1/"; }
for ((i = 0; i < reps; i++)); do
  r=$("$build/bench/phold_reference" "$lps" 16 0.1 1.0 0.5 "$end" 1)
  e=$("$build/fleetsim" bench phold --lps "$lps" --end "$end" --seed 1 "${extra[@]}")
  ref+=("$(echo "$r" | field events_per_s)")
  eng+=("$(echo "$e" | field events_per_s)")
  sums+=("$(echo "$r" | field checksum)=$(echo "$e" | field checksum)")
done
for s in "${sums[@]}"; do
  [ "${s%%=*}" = "${s##*=}" ] || { echo "checksum mismatch: $s" >&2; exit 1; }
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
me=$(median "${eng[@]}"); mr=$(median "${ref[@]}")
awk -v e="$me" -v r="$mr" -v lps="$lps" -v end="$end" -v x="${extra[*]:-}" 'BEGIN {
  printf "{\"lps\":%d,\"end\":%s,\"flags\":\"%s\",\"engine_events_per_s\":%.0f,\"reference_events_per_s\":%.0f,\"ratio\":%.3f}\n", lps, end, x, e, r, e / r }'
