#!/usr/bin/env bash
# Memory per pending event: peak RSS of a PHOLD run holding LPS x START pending events
# minus that of a run holding LPS x 1, divided by the difference in events. The run
# ends before the first event (end < lookahead), so the figure is queue storage only.
#
#   bench/phold_memory.sh [BUILD_DIR] [LPS] [START] [QUEUE]
set -euo pipefail
build=${1:-build}; lps=${2:-1024}; start=${3:-4096}; queue=${4:-heap4}
rss() { "$build/fleetsim" bench phold --lps "$lps" --start-events "$1" --end 0.05 --queue "$queue" |
        sed -E 's/.*"peak_rss_mb":([0-9.]+).*/\1/'; }
small=$(rss 1); big=$(rss "$start")
awk -v s="$small" -v b="$big" -v n="$(( lps * (start - 1) ))" -v q="$queue" 'BEGIN {
  printf "{\"queue\":\"%s\",\"pending_events\":%d,\"rss_small_mb\":%.1f,\"rss_big_mb\":%.1f,\"bytes_per_pending_event\":%.1f}\n",
         q, n, s, b, (b - s) * 1048576 / n }'
