#!/usr/bin/env bash
# Latency of `gcjobs serve` under open-loop load from another JVM (docs/benchmarks.md, "HTTP
# service latency"). The service is the real command; Genesys is `gcjobs emulator` in a third JVM,
# as the real one is remote (at a lower CPU priority: the real one does not share our cores). Its
# jobs take 30 s, so the exports stay RUNNING and the engine keeps polling throughout.
#
#   bench/http-latency.sh [h2|postgres] [SECONDS] [get|new|again|all] [RATE,RATE...]
#
# postgres: a fresh database on 127.0.0.1:5432 (trust auth, user postgres), dropped at the end.
# GCJOBS_JAVA_OPTS applies to the service (default: none, as `./gcjobs serve` runs); GCJOBS_JAR
# runs another build of the service (another checkout's target/gcjobs.jar) under the same load;
# GCJOBS_BENCH_WARMUP sets the seconds of load before each measured run (default 30);
# GCJOBS_BENCH_EMULATOR=embedded runs the emulator inside the service (`serve --emulator`).
set -euo pipefail
store=${1:-h2}
seconds=${2:-20}
scenario=${3:-all}
rates=${4:-200,1000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {
  for _ in $(seq 100); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "nothing answers at $1" >&2
  return 1
}

state=$(mktemp -d)
key="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
port=$(free_port)
db_args=()
database=""
if [ "$store" = postgres ]; then
  database="gcjobs_bench_$$"
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE $database"
  db_args=(--db "jdbc:postgresql://127.0.0.1:5432/$database?user=postgres")
elif [ "$store" != h2 ]; then
  echo "store must be h2 or postgres, not '$store'" >&2
  exit 2
fi

cleanup() {
  [ -n "${service:-}" ] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null || true
  [ -n "${emulator:-}" ] && kill "$emulator" 2>/dev/null && wait "$emulator" 2>/dev/null || true
  [ -n "$database" ] && psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $database" || true
  cp "$state/service.log" target/http-latency-service.log 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT

if [ "${GCJOBS_BENCH_EMULATOR:-process}" = embedded ]; then
  genesys=(--emulator --job-delay 30s)
else
  emulator_port=$(free_port)
  nice -n 10 java -jar target/gcjobs.jar emulator --port "$emulator_port" --job-delay 30s \
    >"$state/emulator.log" 2>&1 &
  emulator=$!
  wait_for "http://127.0.0.1:$emulator_port/emulator/stats"
  genesys=(--domain "http://127.0.0.1:$emulator_port" --client-id gcjobs-demo)
fi
GCJOBS_API_KEYS="$key" GENESYS_CLIENT_SECRET=gcjobs-demo-secret \
  java ${GCJOBS_JAVA_OPTS:-} -jar "${GCJOBS_JAR:-target/gcjobs.jar}" serve "${genesys[@]}" \
  --port "$port" --state-dir "$state" --rate-limit 100000 "${db_args[@]}" \
  >"$state/service.log" 2>&1 &
service=$!
wait_for "http://127.0.0.1:$port/health/live"
echo "store: $store, service pid $service on port $port, emulator: ${GCJOBS_BENCH_EMULATOR:-process}"
GCJOBS_API_KEYS="$key" java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.gcjobs.server.HttpLatencyLoad "http://127.0.0.1:$port" "$seconds" "$scenario" "$rates"
echo "service CPU (user+system, s): $(awk '{print ($14+$15)/100}' /proc/$service/stat)"
