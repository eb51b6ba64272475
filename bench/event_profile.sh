#!/usr/bin/env bash
# Where a run's time goes, per event kind: builds fleetsim with FLEETSIM_EVENT_PROFILE
# (every handler timed) in BUILD_DIR, runs the scenario and prints the table, the
# costliest kind first, with the kinds' names from the model's event enums.
#
#   bench/event_profile.sh [BUILD_DIR] SCENARIO [THREADS] [extra fleetsim run flags...]
#   bench/event_profile.sh build-profile scenarios/bench/fleet-1m-upgrades-1y.yaml 1 --set spec.duration=31d
#
# With several threads the handlers' times of all threads are summed. Timing each event
# costs two clock reads: compare kinds with each other, not with a normal build's wall time.
set -euo pipefail
build=${1:-build-profile}; scenario=${2:?scenario}; threads=${3:-1}
shift $(( $# < 3 ? $# : 3 ))
here=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLEETSIM_EVENT_PROFILE=ON >/dev/null
cmake --build "$build" --target fleetsim >/dev/null
table=$(mktemp)
trap 'rm -f "$table"' EXIT
"$build/fleetsim" run "$scenario" --threads "$threads" --quiet --progress never "$@" 2>"$table" >/dev/null || [ $? -eq 1 ]
/usr/bin/python3 - "$table" "$here"/sim/model/events.hpp "$here"/sim/model/*_controller.hpp <<'PY'
import re, sys
names = {}
for path in sys.argv[2:]:
    for name, code in re.findall(r"\b(k[A-Z]\w*) = (\d+),", open(path).read()):
        if not name.endswith("Last"):
            names.setdefault(int(code), name)
for line in open(sys.argv[1]):
    parts = line.split()
    if parts and parts[0].isdigit():
        print(f"{line.rstrip()}  {names.get(int(parts[0]), '?')}")
    elif line.startswith(("event profile", "  kind", "windows:", "inline", "parallel")):
        print(line.rstrip())
PY
