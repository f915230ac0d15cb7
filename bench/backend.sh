# Sourced by bench/overhead.sh and bench/profile.sh: the shared harness's nginx backend on
# 127.0.0.1:9001 (/api/small, /api/large), started in a fresh runtime directory and stopped, with
# every process added to PIDS, when the sourcing script exits.
#   start_backend <name>   # sets BENCH_DIR (found as loopback.sh finds it), RT (the directory) and
#                          # BACKEND_PID (nginx's master; its workers are its children)
#   measure <url> <seconds> <pid>...   # wrk -t2 -c50 on url; prints "req/s CPU-µs-per-request" of the
#                          # pids; fails on a non-2xx answer. WRK_HEADERS (an array) adds wrk options.
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
  nginx -e "$RT/logs/error.log" -p "$RT/" -c "$RT/nginx.conf" -g 'daemon off;' & BACKEND_PID=$!; PIDS+=($!)
}

WRK_HEADERS=()
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$t"; }
measure() {
  local url="$1" secs="$2" t0 t1 out reqs; shift 2
  t0=$(ticks "$@")
  out=$(wrk -t2 -c50 -d"${secs}s" "${WRK_HEADERS[@]}" "$url")
  t1=$(ticks "$@")
  if echo "$out" | grep -q "Non-2xx"; then echo "$url: non-2xx answers" >&2; return 1; fi
  reqs=$(echo "$out" | awk '/requests in/{print $1}')
  awk -v r="$reqs" -v s="$secs" -v dt="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.0f %.1f\n", r / s, dt / hz * 1e6 / r}'
}
