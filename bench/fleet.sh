#!/usr/bin/env bash
# Runs a fleet scenario and prints one JSON line: events, wall seconds, events per
# second, peak RSS (from GNU time), threads.
#
#   bench/fleet.sh [BUILD_DIR] SCENARIO [THREADS] [extra fleetsim run flags...]
#   bench/fleet.sh build scenarios/bench/fleet-1m.yaml 2
set -euo pipefail
build=${1:-build}; scenario=${2:?scenario}; threads=${3:-1}
shift $(( $# < 3 ? $# : 3 ))
summary=$(mktemp); timing=$(mktemp)
trap 'rm -f "$summary" "$timing"' EXIT
/usr/bin/time -f "%M %e" -o "$timing" "$build/fleetsim" run "$scenario" --threads "$threads" \
  --summary "$summary" --quiet --progress never "$@" || [ $? -eq 1 ]
read -r rss_kb elapsed < <(tail -n 1 "$timing")  # GNU time prefixes a line when the exit status is not 0
/usr/bin/python3 - "$summary" "$rss_kb" "$elapsed" "$threads" "$scenario" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
rss_mb, elapsed, threads = int(sys.argv[2]) / 1024, float(sys.argv[3]), int(sys.argv[4])
print(json.dumps({"scenario": s["scenario"], "threads": threads, "sim_time_s": s["sim_time_s"],
                  "events": s["events"], "run_wall_s": round(s["wall_s"], 2), "process_s": elapsed,
                  "events_per_s": round(s["events"] / s["wall_s"]), "peak_rss_mb": round(rss_mb)}))
PY
