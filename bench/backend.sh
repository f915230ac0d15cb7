# Sourced by bench/overhead.sh and bench/profile.sh: the shared harness's nginx backend on
# 127.0.0.1:9001 (/api/small, /api/large), started in a fresh runtime directory and stopped, with
# every process added to PIDS, when the sourcing script exits.
#   start_backend <name>   # sets BENCH_DIR (found as loopback.sh finds it) and RT (the directory)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_backend() {
  BENCH_DIR="${BENCH_DIR:-}"
  for d in /work/shared/bench "$ROOT/../shared/bench"; do
    [ -z "$BENCH_DIR" ] && [ -f "$d/backends/nginx-backend.conf" ] && BENCH_DIR="$(cd "$d" && pwd)"
  done
  [ -n "$BENCH_DIR" ] || { echo "set BENCH_DIR to the shared bench harness" >&2; exit 2; }
  RT="$(mktemp -d "/tmp/frontdesk-$1.XXXXXX")"; chmod 755 "$RT"   # nginx workers read large.bin from it
  mkdir -p "$RT/logs" "$RT/tmp"
  sed "s#BENCH_RUNTIME#$RT#g" "$BENCH_DIR/backends/nginx-backend.conf" >"$RT/nginx.conf"
  head -c 65536 /dev/urandom >"$RT/large.bin"
  nginx -e "$RT/logs/error.log" -p "$RT/" -c "$RT/nginx.conf" -g 'daemon off;' & PIDS+=($!)
}
