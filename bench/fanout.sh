#!/usr/bin/env bash
# Benchmark: one gateway instance pushing to many WebSocket sessions. The gateway runs in its own
# JVM (-Xmx2g), the events come from a KRaft broker and publisher in a second JVM, and the sessions
# are held by lean load generators (bench/fanout/client.c: C, epoll, 5,000 sessions a process;
# SIGNALBOX_BENCH_CLIENT=node runs bench/fanout/client.mjs, Node + ws, instead).
# Reports heap and RSS per idle session and, per event rate, deliveries/s and delivery latency
# (publish time -> client receipt, p50/p99). Not part of the tests; loopback only; it stops by itself.
#
#   [SIGNALBOX_GATEWAY_TRANSPORT=servlet] [SIGNALBOX_GATEWAY_REACTIVE_WEBSOCKET=webflux] bench/fanout.sh [plan ...]
#                                  a plan is <sessions>[:<events/s>,<events/s>,...]; the transport is
#                                  reactive (the gateway's default) unless the variable says servlet; on
#                                  it /ws is the gateway's own Netty handler unless the second says webflux
#                                  (default: 1000:1000,2500,5000,10000 10000:250,1000,2000,3000 19900)
#
# Each session subscribes to one of 100 channels, so an event reaches sessions/100 of them.
# SIGNALBOX_BENCH_GATEWAY_JVM_OPTS adds JVM options to the gateway's; the gateway reads its own variables too
# (SIGNALBOX_GATEWAY_FLUSH_DELAY=50ms, say), and the results header names the options and the delay; SIGNALBOX_BENCH_HISTOGRAM_DIR=<folder>
# writes the gateway's live objects by class (jmap -histo:live) there, before any session and at each idle count.
# Per rate it also gives the CPU (% of one core) of the gateway, of the load generators and of the JVM with
# the broker and publisher. Writes bench/results/fanout-<servlet|reactive-netty|reactive-webflux>-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
# One process may hold at most this many sockets here; the gateway and each client need their own.
ulimit -n "$(ulimit -Hn)"
plans=("$@")
if [ ${#plans[@]} -eq 0 ]; then
  plans=("1000:1000,2500,5000,10000" "10000:250,1000,2000,3000" "19900")
fi
./mvnw -q -B -pl gateway -am install -DskipTests
./mvnw -q -B -pl gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/fanout-classpath.txt"
if [ "${SIGNALBOX_BENCH_CLIENT:-c}" = node ]; then
  (cd bench/fanout && npm ci --no-audit --no-fund --silent)
else
  if ! command -v cc >/dev/null 2>&1; then
    apt-get update -q && apt-get install -y -q gcc libc6-dev
  fi
  mkdir -p target
  cc -O2 -Wall -Wextra -Werror -o target/fanout-client bench/fanout/client.c
fi
gateway_cp="gateway/target/classes:$(cat target/fanout-classpath.txt)"
export SIGNALBOX_GATEWAY_TRANSPORT=${SIGNALBOX_GATEWAY_TRANSPORT:-reactive}
label=$SIGNALBOX_GATEWAY_TRANSPORT
if [ "$label" = reactive ]; then
  label=reactive-${SIGNALBOX_GATEWAY_REACTIVE_WEBSOCKET:-netty}
fi
out=bench/results/fanout-$label-$(date -u +%Y%m%dT%H%M%SZ).txt
# The gateway runs from its executable jar, as in production; the benchmark's own JVM from the classpath.
gateway_jar=$(ls gateway/target/signalbox-gateway-*-exec.jar)
java -Xmx1g -cp "gateway/target/test-classes:$gateway_cp" dev.signalbox.gateway.bench.FanoutBenchmark "$gateway_jar" "$out" "${plans[@]}" 2>&1 \
  | grep -vE '^\s*$|INFO|WARN' || true
echo "results: $out"
