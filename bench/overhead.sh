#!/usr/bin/env bash
# What a feature costs on the proxy path: the bench gateway plain (A) against the same gateway with
# extra BenchGateway options (B), both in front of the shared harness's nginx backend, measured
# with wrk in alternating rounds (same machine state for both).
#
#   B_ARGS='--observe access,metrics,tracing' bench/overhead.sh       # operations (docs/operations.md)
#   bench/auth-overhead.sh                                            # JWT + rate limit + identity (docs/auth.md)
#   ROUNDS=5 DURATION=20 B_ARGS=... bench/overhead.sh
# Environment: A_ARGS [none], B_ARGS (required), JAVA_OPTS [none] (JVM options of both gateways, e.g.
#   -Dlogback.configurationFile=logback-access-file.xml for the buffered access-log file; A_JAVA_OPTS and
#   B_JAVA_OPTS, when set, replace it for one gateway: to compare two logging setups), ROUNDS [3], DURATION [15] s, WARMUP [15] s, PATH_ [/api/small],
#   A_JAR and B_JAR [both: examples/target/frontdesk-examples.jar] to compare two builds (a lever before and after).
# When B prints "token: T" (--jwt-secret), both variants get "Authorization: Bearer T".
# Needs wrk and nginx (apt-get install -y wrk nginx-light) and the shared harness (BENCH_DIR).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${B_ARGS=}"
[ -n "$B_ARGS" ] || [ -n "${B_JAR:-}" ] || [ -n "${B_JAVA_OPTS:-}" ] || { echo "set B_ARGS, B_JAVA_OPTS or B_JAR: what B changes" >&2; exit 2; }
A_ARGS="${A_ARGS:-}"; JAVA_OPTS="${JAVA_OPTS:-}"
A_JAVA_OPTS="${A_JAVA_OPTS:-$JAVA_OPTS}"; B_JAVA_OPTS="${B_JAVA_OPTS:-$JAVA_OPTS}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -x "$JAVA" ] || JAVA=java
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-15}"; WARMUP="${WARMUP:-15}"; TARGET="${PATH_:-/api/small}"
JAR="$ROOT/examples/target/frontdesk-examples.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package -pl examples -am)
# shellcheck source=bench/backend.sh
. "$ROOT/bench/backend.sh"
start_backend overhead
cp "${A_JAR:-$JAR}" "$RT/a.jar"; cp "${B_JAR:-$JAR}" "$RT/b.jar"   # a rebuild during the run must not change what is measured
# shellcheck disable=SC2086
"$JAVA" -Xmx512m $A_JAVA_OPTS -cp "$RT/a.jar" dev.frontdesk.examples.bench.BenchGateway --port 8091 $A_ARGS >"$RT/a.log" 2>&1 & A=$!; PIDS+=($A)
# shellcheck disable=SC2086
"$JAVA" -Xmx512m $B_JAVA_OPTS -cp "$RT/b.jar" dev.frontdesk.examples.bench.BenchGateway --port 8092 $B_ARGS >"$RT/b.log" 2>&1 & B=$!; PIDS+=($B)
for port in 8091 8092; do
  for i in $(seq 1 120); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$TARGET")" != 000 ] && break; sleep 0.5; done
done
TOKEN="$(sed -n 's/^token: //p' "$RT/b.log")"
AUTH=(); [ -n "$TOKEN" ] && AUTH=(-H "Authorization: Bearer $TOKEN"); WRK_HEADERS=("${AUTH[@]}")
for port in 8091 8092; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "http://127.0.0.1:$port$TARGET")" = 200 ] \
    || { echo "the gateway on :$port does not answer 200 on $TARGET (see $RT/*.log)" >&2; exit 1; }
done

run() { # name pid port seconds -> prints "req/s cpu_us_per_req"
  measure "http://127.0.0.1:$3$TARGET" "$4" "$2" || { echo "$1: failed" >&2; exit 1; }
}
echo "A: BenchGateway ${A_ARGS:-(plain)} ${A_JAR:-} ${A_JAVA_OPTS}"
echo "B: BenchGateway $B_ARGS ${B_JAR:-} ${B_JAVA_OPTS}"
echo "load before: $(cat /proc/loadavg)"
run A "$A" 8091 "$WARMUP" >/dev/null; run B "$B" 8092 "$WARMUP" >/dev/null
printf "%-6s %10s %12s %10s %12s %8s\n" round "A req/s" "A CPU us" "B req/s" "B CPU us" "B/A"
RATIOS=()
for r in $(seq 1 "$ROUNDS"); do
  read -r as ac < <(run A "$A" 8091 "$DURATION")
  read -r bs bc < <(run B "$B" 8092 "$DURATION")
  ratio="$(awk -v a="$as" -v b="$bs" 'BEGIN{printf "%.1f", b/a*100}')"
  RATIOS+=("$ratio $(awk -v a="$ac" -v b="$bc" 'BEGIN{printf "%.1f", b-a}')")
  printf "%-6s %10s %12s %10s %12s %7s%%\n" "$r" "$as" "$ac" "$bs" "$bc" "$ratio"
done
# B/A over all rounds: the mean and the median (one disturbed round moves the mean, not the median)
printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{r[NR]=$1; d[NR]=$2; s+=$1; t+=$2}
  END {m = NR % 2 ? r[(NR+1)/2] : (r[NR/2] + r[NR/2+1]) / 2
       printf "B/A over %d rounds: mean %.1f%%, median %.1f%%, min %.1f%%, max %.1f%%; B costs %+.1f us CPU per request on average\n", NR, s/NR, m, r[1], r[NR], t/NR}'
echo "load after: $(cat /proc/loadavg)"
echo "B's log (first lines): $(head -c 300 "$RT/b.log")"
