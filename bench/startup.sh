#!/usr/bin/env bash
# Benchmark: the README's run command from an empty data directory to the first job event on the
# board, the resident memory of the standalone process, and a clean stop. Not part of the tests.
#
#   ./mvnw -q -DskipTests install && bench/startup.sh          (RUNS=5 by default)
#
# Needs Node 20+ for the WebSocket probe. Writes bench/results/startup-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
jar=standalone/target/signalbox-standalone.jar
out=bench/results/startup-$(date -u +%Y%m%dT%H%M%SZ).txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$jar" ] || { echo "build first: ./mvnw -q -DskipTests install" >&2; exit 1; }

{
  echo "# startup benchmark $(date -u +%FT%TZ) on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "# run first_event_ms rss_mib_after_30s stop_s leftover_processes"
} > "$out"

for run in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  start_ms=$(date +%s%3N)
  SIGNALBOX_DATA_DIR="$work/data" java -jar "$jar" > "$work/run-$run.log" 2>&1 &
  pid=$!
  first=$(START_MS=$start_ms node --no-warnings --experimental-websocket bench/first-event-probe.mjs)
  # Let the demo feed run a while so the figure is a working process, not a just-started one.
  while [ $(( $(date +%s%3N) - start_ms )) -lt 30000 ]; do sleep 1; done
  rss_kib=$(ps -o rss= -p "$pid" | tr -d ' ')
  stop_start=$(date +%s%3N)
  kill -TERM "$pid"
  wait "$pid" || true
  stop_ms=$(( $(date +%s%3N) - stop_start ))
  leftover=$( { pgrep -f "$work/data" || true; } | wc -l)
  printf '%s %s %s %s %s\n' "$run" "$first" $(( rss_kib / 1024 )) "$(awk "BEGIN{printf \"%.1f\", $stop_ms/1000}")" "$leftover" | tee -a "$out"
done

summary() { # column, label
  awk -v c="$1" '!/^#/ {print $c}' "$out" | sort -n |
    awk -v label="$2" '{a[NR]=$1} END {printf "# %s: median %s, min %s, max %s (%d runs)\n", label, a[int((NR+1)/2)], a[1], a[NR], NR}'
}
{ summary 2 "first event ms"; summary 3 "rss MiB"; summary 4 "stop s"; } | tee -a "$out"
echo "results: $out"
