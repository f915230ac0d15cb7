#!/usr/bin/env bash
# Where the bench gateway's CPU goes under load, kernel included: async-profiler's CPU profile
# (perf events, so system calls and the TCP stack show, which JFR's Java samples do not) of
# BenchGateway in front of the shared harness's nginx backend, while wrk drives it.
#
#   bench/profile.sh                      # ~200 B body: breakdown printed, stacks in /tmp/frontdesk-profile.*
#   PATH_=/api/large bench/profile.sh     # 64 KiB
#   ARGS='--cache 60' bench/profile.sh    # any BenchGateway options
# Environment: PATH_ [/api/small], ARGS, WARMUP [30] s, DURATION [20] s, JAR [examples' shaded jar].
# Needs wrk and nginx (apt-get install -y wrk nginx-light), Maven (fetches tools.profiler:async-profiler
# once), and Temurin 25's jcmd. Profile only on a quiet machine, as any benchmark (docs/benchmarks.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK="${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
AP_VERSION=4.1
AP_DIR="${AP_DIR:-$HOME/.cache/frontdesk/async-profiler-$AP_VERSION}"
if [ ! -f "$AP_DIR/linux-x64/libasyncProfiler.so" ]; then
  mkdir -p "$AP_DIR"
  mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar" -DoutputDirectory="$AP_DIR"
  (cd "$AP_DIR" && unzip -q -o "async-profiler-$AP_VERSION.jar" 'linux-x64/*')
fi
LIB="$AP_DIR/linux-x64/libasyncProfiler.so"
JAR="${JAR:-$ROOT/examples/target/frontdesk-examples.jar}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package -pl examples -am)
TARGET="${PATH_:-/api/small}"; WARMUP="${WARMUP:-30}"; DURATION="${DURATION:-20}"
OUT="${OUT:-/tmp/frontdesk-profile}"

# shellcheck source=bench/backend.sh
. "$ROOT/bench/backend.sh"
start_backend profile
cp "$JAR" "$RT/gateway.jar"
# shellcheck disable=SC2086
"$JDK/bin/java" -Xmx512m -cp "$RT/gateway.jar" dev.frontdesk.examples.bench.BenchGateway --port 8093 ${ARGS:-} \
  >"$RT/gateway.log" 2>&1 & GW=$!; PIDS+=($GW)
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8093$TARGET")" = 200 ] && break; sleep 0.5
done
# jcmd reads "a=b" as one option of its own: the agent's options go in quotes inside the argument.
agent() { "$JDK/bin/jcmd" "$GW" JVMTI.agent_load "$LIB" "\"$1\"" >/dev/null; }
echo "warm-up ${WARMUP}s, then ${DURATION}s profiled on $TARGET ${ARGS:-}"
wrk -t2 -c50 -d"${WARMUP}s" "http://127.0.0.1:8093$TARGET" >/dev/null
agent "start,event=cpu,interval=1000000"
wrk -t2 -c50 -d"${DURATION}s" "http://127.0.0.1:8093$TARGET" | grep -E "Requests/sec|requests in"
agent "stop,file=$OUT.collapsed,collapsed"
agent "stop,file=$OUT.html" 2>/dev/null || true
python3 "$ROOT/bench/profile-summary.py" "$OUT.collapsed"
echo "stacks: $OUT.collapsed (flame graph: $OUT.html, when written)"
