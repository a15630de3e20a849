#!/usr/bin/env bash
# Latency of `gcjobs serve` under open-loop load from another JVM (docs/benchmarks.md, "HTTP
# service latency"). The service is the real command with the built-in emulator; its jobs take 30 s,
# so the exports stay RUNNING and the engine keeps polling throughout.
#
#   bench/http-latency.sh [h2|postgres] [SECONDS] [get|new|again|all] [RATE,RATE...]
#
# postgres: a fresh database on 127.0.0.1:5432 (trust auth, user postgres), dropped at the end.
# GCJOBS_JAVA_OPTS applies to the service (default: none, as `./gcjobs serve` runs); GCJOBS_JAR
# runs another build of the service (another checkout's target/gcjobs.jar) under the same load.
set -euo pipefail
store=${1:-h2}
seconds=${2:-20}
scenario=${3:-all}
rates=${4:-200,1000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt

state=$(mktemp -d)
key="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
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
  [ -n "$database" ] && psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $database" || true
  cp "$state/service.log" target/http-latency-service.log 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT

GCJOBS_API_KEYS="$key" java ${GCJOBS_JAVA_OPTS:-} -jar "${GCJOBS_JAR:-target/gcjobs.jar}" serve --emulator \
  --port "$port" --state-dir "$state" --rate-limit 100000 --job-delay 30s "${db_args[@]}" \
  >"$state/service.log" 2>&1 &
service=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break
  sleep 0.2
done
echo "store: $store, service pid $service on port $port"
GCJOBS_API_KEYS="$key" java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.gcjobs.server.HttpLatencyLoad "http://127.0.0.1:$port" "$seconds" "$scenario" "$rates"
echo "service CPU (user+system, s): $(awk '{print ($14+$15)/100}' /proc/$service/stat)"
