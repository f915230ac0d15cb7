#!/usr/bin/env bash
# How fast can a cache hit be on this machine? Issue 14 asks a hit for 3x the req/s of a proxied
# miss. This measures, in alternating rounds on the ~200 B body, what bounds a hit: the proxied
# miss (BenchGateway), the hit (BenchGateway --cache 60), the gateway's own fixed answer
# (--respond true), Jetty 12's cheapest answer without a servlet (bench/FixedAnswer.java, on the
# selector thread and dispatched to a pool thread), and nginx's fixed answer (the harness's
# backend itself). Each line gives req/s, CPU per request of the server measured, and the ratio
# to the miss in the same round.
#
#   bench/floor.sh                        # ROUNDS [3], DURATION [10] s, WARMUP [30] s
# Needs wrk and nginx (apt-get install -y wrk nginx-light), the shared harness (BENCH_DIR) and the
# examples jar (built when missing). Run it only on a quiet machine, as any benchmark.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -x "$JAVA" ] || JAVA=java
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10}"; WARMUP="${WARMUP:-30}"
JAR="$ROOT/examples/target/frontdesk-examples.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package -pl examples -am)
# shellcheck source=bench/backend.sh
. "$ROOT/bench/backend.sh"
start_backend floor
cp "$JAR" "$RT/gateway.jar"
gateway() { # port, BenchGateway options
  local port="$1"; shift
  "$JAVA" -Xmx512m -cp "$RT/gateway.jar" dev.frontdesk.examples.bench.BenchGateway --port "$port" "$@" \
    >"$RT/$port.log" 2>&1 & PIDS+=($!)
}
fixed() { # port, non-blocking|blocking
  "$JAVA" -Xmx512m -cp "$RT/gateway.jar" "$ROOT/bench/FixedAnswer.java" "$1" "$2" >"$RT/$1.log" 2>&1 & PIDS+=($!)
}
gateway 8091; gateway 8092 --cache 60; gateway 8093 --respond true
fixed 8094 non-blocking; fixed 8095 blocking
NAMES=("miss (proxied)" "hit (--cache 60)" "gateway fixed answer" "Jetty core, non-blocking" "Jetty core, dispatched" "nginx fixed answer")
PORTS=(8091 8092 8093 8094 8095 9001)
SERVERS=("${PIDS[1]}" "${PIDS[2]}" "${PIDS[3]}" "${PIDS[4]}" "${PIDS[5]}" "$(pgrep -d ' ' -P "$BACKEND_PID")")
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 120); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/small")" = 200 ] && break; sleep 0.5; done
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/small")" = 200 ] \
    || { echo ":$port does not answer 200 (see $RT/$port.log)" >&2; exit 1; }
done
echo "load before: $(cat /proc/loadavg)"
for i in "${!PORTS[@]}"; do
  # shellcheck disable=SC2086
  measure "http://127.0.0.1:${PORTS[$i]}/api/small" "$WARMUP" ${SERVERS[$i]} >/dev/null
done
printf "%-6s %-26s %10s %10s %8s\n" round server "req/s" "CPU us" "x miss"
for r in $(seq 1 "$ROUNDS"); do
  miss=""
  for i in "${!PORTS[@]}"; do
    # shellcheck disable=SC2086
    read -r rps cpu < <(measure "http://127.0.0.1:${PORTS[$i]}/api/small" "$DURATION" ${SERVERS[$i]})
    [ -z "$miss" ] && miss="$rps"
    printf "%-6s %-26s %10s %10s %8s\n" "$r" "${NAMES[$i]}" "$rps" "$cpu" "$(awk -v a="$miss" -v b="$rps" 'BEGIN{printf "%.2f", b/a}')"
  done
done
echo "load after: $(cat /proc/loadavg)"
