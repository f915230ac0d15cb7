#!/usr/bin/env bash
# Loopback benchmark: wrk -> (nothing | nginx | Jetty ProxyServlet | Frontdesk) -> nginx backend,
# all on 127.0.0.1, using the shared peer harness (run.sh) with Frontdesk's BenchGateway as its
# "project" peer. See docs/benchmarks.md.
#
#   bench/loopback.sh                          # direct nginx jetty frontdesk
#   bench/loopback.sh direct frontdesk         # the minimum: the backend alone vs through the gateway
#   GATEWAY_ARGS='--read-timeout-ms 5000' bench/loopback.sh jetty frontdesk   # a variant
#
# Environment: BENCH_DIR (the harness; default /work/shared/bench, else ../shared/bench next to
# the repository), PORT [8090], GATEWAY_ARGS (extra BenchGateway options: --threads N,
# --max-idle N, --read-timeout-ms N), SAVE [1] (copy results.tsv/table.md/env.txt into
# bench/results/<date>-<n>/), and run.sh's own: WARMUP [20], DURATION [15], CONNS, JAVA, JAVA_OPTS.
# Needs wrk and nginx: apt-get install -y wrk nginx-light
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

BENCH_DIR="${BENCH_DIR:-}"
if [ -z "$BENCH_DIR" ]; then
  for d in /work/shared/bench "$ROOT/../shared/bench"; do
    [ -x "$d/run.sh" ] && { BENCH_DIR="$(cd "$d" && pwd)"; break; }
  done
fi
[ -n "$BENCH_DIR" ] && [ -x "$BENCH_DIR/run.sh" ] || { echo "no bench harness found: set BENCH_DIR to the directory holding run.sh" >&2; exit 2; }
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y wrk nginx-light curl python3" >&2; exit 2; }
done

JAR="$ROOT/examples/target/frontdesk-examples.jar"
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl examples -am)
fi
STAMP="$(date -u +%Y%m%d-%H%M%S)"
OUTDIR="${OUTDIR:-${TMPDIR:-/tmp}/frontdesk-bench-$STAMP}"
mkdir -p "$OUTDIR"
cp "$JAR" "$OUTDIR/frontdesk-examples.jar"   # a rebuild during the run must not change what is measured

PORT="${PORT:-8090}"
[ "$#" -gt 0 ] || set -- direct nginx jetty frontdesk
echo "load before the run: $(cat /proc/loadavg)" | tee "$OUTDIR/load.txt"
(cd "$BENCH_DIR" && \
  PROJECT_CMD="\$JAVA \$JAVA_OPTS -cp '$OUTDIR/frontdesk-examples.jar' dev.frontdesk.examples.bench.BenchGateway --port $PORT ${GATEWAY_ARGS:-}" \
  PROJECT_PORT="$PORT" PROJECT_NAME=frontdesk WARMUP="${WARMUP:-20}" DURATION="${DURATION:-15}" OUTDIR="$OUTDIR" \
  ./run.sh "$@")
echo "load after the run: $(cat /proc/loadavg)" | tee -a "$OUTDIR/load.txt"

if [ "${SAVE:-1}" = 1 ]; then
  n=1; while [ -e "$ROOT/bench/results/$(date -u +%Y-%m-%d)-$n" ]; do n=$((n + 1)); done
  SAVED="$ROOT/bench/results/$(date -u +%Y-%m-%d)-$n"
  mkdir -p "$SAVED"
  cp "$OUTDIR/results.tsv" "$OUTDIR/table.md" "$OUTDIR/env.txt" "$OUTDIR/load.txt" "$SAVED/"
  { echo "bench/loopback.sh $*"; echo "GATEWAY_ARGS=${GATEWAY_ARGS:-}"; echo "raw output: $OUTDIR"; } >"$SAVED/command.txt"
  echo "saved: $SAVED (compare runs: python3 $BENCH_DIR/report.py bench/results/*/results.tsv)"
fi
