#!/usr/bin/env bash
# Benchmark: the transit topology with exactly-once on, one stream thread — throughput of a backlog
# of trip updates joined with the schedule, and the latency it adds at 1,000 trip updates/s, for
# each commit interval given, after one warm-up round that is shown but not counted. Not part of
# the tests; runs on the in-JVM broker the tests use (or Testcontainers / an existing cluster, as
# the tests choose).
#
#   bench/transit.sh [rounds] [commit intervals in ms, comma-separated]     (3 and 50,20,100 by default)
#
# GUARANTEE=at_least_once bench/transit.sh … measures the same without exactly-once, to show what it costs.
# STOPS_PER_UPDATE=11 bench/transit.sh … names 11 stops per trip update instead of 3, as real feeds do (the MBTA's: about 11).
# TOPOLOGY=floor bench/transit.sh … runs the least topology instead (each trip update read and written
# once, no state, no join): what Kafka Streams itself costs on this machine, the bound under any topology.
# SIGNALBOX_BENCH_JVM_OPTS adds JVM options (a flight recording, say); JAVA_HOME picks the JVM that runs it.
# SIGNALBOX_BENCH_JVM_OPTS=-Dsignalbox.local-kafka.transaction-version=2 formats the in-JVM broker with transactions
# version 2 instead of 1, to compare the two protocols.
#
# Writes bench/results/transit-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
intervals=${2:-50,20,100}
./mvnw -q -B -pl processor -am install -DskipTests
./mvnw -q -B -pl processor dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
out=bench/results/transit-$(date -u +%Y%m%dT%H%M%SZ).txt
# 8 GiB of heap: this one JVM holds the broker, the topology and the load generator. With 2 GiB (until
# 2026-12-03) ZGC collected every few seconds: its own threads took 4.5-4.9 us per trip update, with 8 GiB
# 0.1 in most rounds, and the whole process 39.5 against 31.5 us in alternating runs (BENCHMARKS.md).
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx8g ${SIGNALBOX_BENCH_JVM_OPTS:-} -Dguarantee="${GUARANTEE:-exactly_once_v2}" -Dtopology="${TOPOLOGY:-transit}" -DstopsPerUpdate="${STOPS_PER_UPDATE:-3}" -cp "processor/target/test-classes:processor/target/classes:$(cat target/bench-classpath.txt)" \
  dev.signalbox.processor.bench.TransitBenchmark "$rounds" "$out" "$intervals" 2>&1 | grep -vE '^\s*$|INFO|WARN' || true
echo "results: $out"
