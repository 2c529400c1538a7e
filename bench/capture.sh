#!/usr/bin/env bash
# Benchmark: change capture's commit → Kafka latency at a steady 1,000 changes/s (p50/p90/p99),
# and a 100,000-row bulk insert's throughput until its last change is in Kafka. Not part of the
# tests; runs ingest on the in-JVM broker and embedded PostgreSQL (or Testcontainers / existing
# servers, as the tests choose).
#
#   bench/capture.sh [rounds]          (3 by default; each bulk figure is the median of 3 loads after 3 unmeasured)
#
# SIGNALBOX_BENCH_JVM_OPTS adds JVM options (a flight recording, say).
#
# Writes bench/results/capture-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
./mvnw -q -B -pl ingest -am install -DskipTests
./mvnw -q -B -pl ingest dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
out=bench/results/capture-$(date -u +%Y%m%dT%H%M%SZ).txt
java -Xmx2g ${SIGNALBOX_BENCH_JVM_OPTS:-} -cp "ingest/target/test-classes:ingest/target/classes:$(cat target/bench-classpath.txt)" \
  dev.signalbox.ingest.bench.CaptureBenchmark "$rounds" "$out" 2>&1 | grep -vE '^\s*$|INFO|WARN' || true
echo "results: $out"
