#!/usr/bin/env bash
# Benchmark: transit feed ingestion. (1) One poll of a 10,000-entity GTFS-Realtime trip-update feed,
# from fetch to every entity acknowledged by Kafka (p50/p90/max per round; all changed, none
# changed, 304). (2) GTFS static import of 1.25 million stop times into PostgreSQL: rows/s and peak
# heap, in a JVM capped at 512 MiB. Not part of the tests; uses the same real broker and PostgreSQL
# the tests do (in-JVM KRaft and embedded PostgreSQL here).
#
#   bench/feeds.sh [rounds]          (3 by default)
#
# Writes bench/results/feed-poll-<date>.txt and bench/results/schedule-import-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
./mvnw -q -B -pl ingest -am install -DskipTests
./mvnw -q -B -pl ingest dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
classpath="ingest/target/test-classes:ingest/target/classes:$(cat target/bench-classpath.txt)"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
poll=bench/results/feed-poll-$stamp.txt
import=bench/results/schedule-import-$stamp.txt
java -Xmx2g -cp "$classpath" dev.signalbox.ingest.realtime.FeedPollBenchmark "$rounds" "$poll" 2>&1 | grep -vE '^\s*$|INFO|WARN' || true
# The import's heap bound is the JVM's: 512 MiB, with nothing else in it but PostgreSQL's driver.
java -Xmx512m -cp "$classpath" dev.signalbox.ingest.schedule.ScheduleImportBenchmark "$rounds" "$import" 2>&1 | grep -vE '^\s*$|INFO|WARN' || true
echo "results: $poll $import"
