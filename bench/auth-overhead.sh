#!/usr/bin/env bash
# What JWT authentication costs on the proxy path: the bench gateway plain vs with JWT (HS256)
# authentication + identity forwarding, both in front of the shared harness's nginx backend,
# measured with wrk in alternating rounds (same machine state for both). See docs/auth.md.
#
#   bench/auth-overhead.sh                 # 3 rounds of 15 s each per variant, after a 15 s warm-up
#   ROUNDS=5 DURATION=20 bench/auth-overhead.sh
# Needs wrk and nginx (apt-get install -y wrk nginx-light) and the shared harness (BENCH_DIR).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-}"
for d in /work/shared/bench "$ROOT/../shared/bench"; do
  [ -z "$BENCH_DIR" ] && [ -f "$d/backends/nginx-backend.conf" ] && BENCH_DIR="$(cd "$d" && pwd)"
done
[ -n "$BENCH_DIR" ] || { echo "set BENCH_DIR to the shared bench harness" >&2; exit 2; }
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -x "$JAVA" ] || JAVA=java
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-15}"; WARMUP="${WARMUP:-15}"
JAR="$ROOT/examples/target/frontdesk-examples.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package -pl examples -am)
RT="$(mktemp -d /tmp/frontdesk-auth-bench.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

mkdir -p "$RT/logs" "$RT/tmp"
sed "s#BENCH_RUNTIME#$RT#g" "$BENCH_DIR/backends/nginx-backend.conf" >"$RT/nginx.conf"
head -c 65536 /dev/urandom >"$RT/large.bin"
nginx -e "$RT/logs/error.log" -p "$RT/" -c "$RT/nginx.conf" -g 'daemon off;' & PIDS+=($!)
SECRET="frontdesk-bench-secret-0123456789abcdef"
"$JAVA" -Xmx512m -cp "$JAR" dev.frontdesk.examples.bench.BenchGateway --port 8091 >"$RT/plain.log" 2>&1 & PLAIN=$!; PIDS+=($PLAIN)
"$JAVA" -Xmx512m -cp "$JAR" dev.frontdesk.examples.bench.BenchGateway --port 8092 --jwt-secret "$SECRET" >"$RT/auth.log" 2>&1 & AUTH=$!; PIDS+=($AUTH)
for port in 8091 8092; do
  for i in $(seq 1 120); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/small")" != 000 ] && break; sleep 0.5; done
done
TOKEN="$(sed -n 's/^token: //p' "$RT/auth.log")"
[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8092/api/small)" = 401 ] || { echo "auth variant did not refuse a request without a token" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8092/api/small)" = 200 ] || { echo "auth variant refused the token" >&2; exit 1; }

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
run() { # name pid port seconds -> prints "req/s cpu_us_per_req"
  local name="$1" pid="$2" port="$3" secs="$4" t0 t1 out reqs
  t0=$(ticks "$pid")
  out=$(wrk -t2 -c50 -d"${secs}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/small")
  t1=$(ticks "$pid")
  reqs=$(echo "$out" | awk '/requests in/{print $1}')
  echo "$out" | grep -q "Non-2xx" && { echo "$name: non-2xx answers" >&2; exit 1; }
  awk -v r="$reqs" -v s="$secs" -v dt="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.0f %.1f\n", r / s, dt / hz * 1e6 / r}'
}
echo "load before: $(cat /proc/loadavg)"
run plain "$PLAIN" 8091 "$WARMUP" >/dev/null; run auth "$AUTH" 8092 "$WARMUP" >/dev/null
printf "%-6s %-6s %10s %12s\n" round variant "req/s" "CPU us/req"
for r in $(seq 1 "$ROUNDS"); do
  read -r ps pc < <(run plain "$PLAIN" 8091 "$DURATION"); printf "%-6s %-6s %10s %12s\n" "$r" plain "$ps" "$pc"
  read -r as ac < <(run auth "$AUTH" 8092 "$DURATION"); printf "%-6s %-6s %10s %12s\n" "$r" auth "$as" "$ac"
done
echo "load after: $(cat /proc/loadavg)"
