#!/usr/bin/env bash
# PHOLD and fleet-1m scaling over thread counts, for a many-core machine:
#   bench/scaling.sh BUILD_DIR   (OUT: folder for results, default /tmp)
# BUILD_DIR holds fleetsim, bench/phold_reference and optionally lib/ (shared libraries
# copied along when the machine lacks the Debian packages).
set -u
build=${1:-build}
cd "$build"
[ -d lib ] && export LD_LIBRARY_PATH=$PWD/lib
OUT=${OUT:-/tmp}
nproc; lscpu | grep -E "Model name|^CPU\(s\)|L2|L3"
out=$OUT/results.txt
{
echo "== reference loop"
./bench/phold_reference 16384 16 0.1 1.0 0.5 30 1
./bench/phold_reference 1024 16 0.1 1.0 0.5 1000 1
echo "== phold 16k partitions 16/32"
for p in 16 32; do for t in 1 2 4 8 16; do ./fleetsim bench phold --lps 16384 --end 30 --partitions $p --threads $t; done; done
echo "== phold 1k single partition"
./fleetsim bench phold --lps 1024
echo "== phold 262144 LPs end 5, 64 partitions"
for t in 1 4 16; do ./fleetsim bench phold --lps 262144 --end 5 --partitions 64 --threads $t; done
echo "== fleet-1m"
T=""; [ -x /usr/bin/time ] && T="/usr/bin/time -f rss_kb=%M,elapsed=%e"; for t in 1 4 8 16; do $T ./fleetsim run "$OLDPWD/scenarios/bench/fleet-1m.yaml" --threads $t --quiet --progress never --summary $OUT/fleet1m-$t.json 2>&1; grep -E '"(events|wall_s|windows)"' $OUT/fleet1m-$t.json; done
} > "$out" 2>&1
cat "$out"
