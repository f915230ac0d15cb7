#!/usr/bin/env bash
# Three standalone Frontdesk instances behind HAProxy with one Redis, on loopback, under wrk load:
#   (a) the shared limit holds across instances;
#   (b) SIGTERM of one instance under load loses no accepted request;
#   (c) a config reload of every instance under load fails no request;
#   (d) a freshly started (cold) instance joining under load does not over-admit.
# Needs java, haproxy, wrk; redis-server from PATH or from the embedded-redis jar in ~/.m2.
# Usage: bench/fleet.sh            (builds examples/target/frontdesk-standalone.jar if missing)
# Figures and how to read them: docs/fleet.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}           # seconds per wrk run
COLD_DURATION=${COLD_DURATION:-25} # (d): a cold JVM takes 3-10 s to be ready on a busy 2-core machine
CONNECTIONS=${CONNECTIONS:-16}
JAR=examples/target/frontdesk-standalone.jar
WORK=$(mktemp -d /tmp/frontdesk-fleet.XXXXXX)
LB=http://127.0.0.1:18080
REDIS_PORT=18379
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

[ -f "$JAR" ] || mvn -B -q -pl examples -am package -DskipTests

redis_binary() {
  if command -v redis-server >/dev/null; then command -v redis-server; return; fi
  local jar
  jar=$(find ~/.m2/repository/com/github/codemonstur/embedded-redis -name 'embedded-redis-*.jar' | head -1)
  unzip -p "$jar" redis-server-6.2.6-v5-linux-amd64 > "$WORK/redis-server"
  chmod +x "$WORK/redis-server"
  echo "$WORK/redis-server"
}

redis() { # one command over bash's /dev/tcp; prints the first reply line
  exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT
  printf '%s\r\n' "$*" >&3
  head -1 <&3 | tr -d '\r'
  exec 3>&-
}

start_instance() { # n [log name]
  local n=$1 log=${2:-gw$1}
  REDIS_URI=redis://127.0.0.1:$REDIS_PORT java -Xms64m -Xmx256m -jar "$JAR" --config "$WORK/gateway.yaml" \
    --port $((18080 + n)) --admin-port $((18090 + n)) --drain-delay 2s --grace 30s --reload-every 1s \
    > "$WORK/$log.log" 2>&1 &
  PIDS+=($!)
  eval "GW$n=$!"
}

ready() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((18090 + $1))/health/ready" || true; }

wait_ready() { # n
  for _ in $(seq 1 300); do [ "$(ready "$1")" = 200 ] && return; sleep 0.1; done
  echo "instance $1 did not become ready:"; cat "$WORK/gw$1.log"; exit 1
}

load() { # path [seconds] -> wrk output in $WORK/wrk.out
  wrk -t2 -c"$CONNECTIONS" -d"${2:-$DURATION}s" -s examples/fleet/status.lua "$LB$1" > "$WORK/wrk.out" 2>&1
}

served() { # sessions each instance has had so far, from HAProxy's stats: "gw1 gw2 gw3"
  curl -s "http://127.0.0.1:18099/stats;csv" | awk -F, '$1 == "gateways" && $2 ~ /^gw/ { printf "%s ", $8 }'
}

per_instance() { # before after -> "gw1 +n, gw2 +n, gw3 +n"
  read -r -a b <<<"$1"; read -r -a a <<<"$2"
  echo "gw1 +$((a[0] - b[0])), gw2 +$((a[1] - b[1])), gw3 +$((a[2] - b[2]))"
}

report() { # label expected-admitted(or -)
  local out=$WORK/wrk.out secs status ok limited other errors
  secs=$(grep -oE 'requests in [0-9.]+s' "$out" | grep -oE '[0-9.]+' | tail -1)
  status=$(grep STATUS "$out")
  ok=$(sed -E 's/.*200=([0-9]+).*/\1/' <<<"$status")
  limited=$(sed -E 's/.*429=([0-9]+).*/\1/' <<<"$status")
  other=$(sed -E 's/.*other=([0-9]+).*/\1/' <<<"$status")
  errors=$(grep -oE 'Socket errors: .*' "$out" || echo "Socket errors: none")
  printf '%-34s %6.2fs  200=%-7s 429=%-7s other=%-3s %s' "$1" "$secs" "$ok" "$limited" "$other" "$errors"
  if [ "$2" = limit ]; then
    awk -v ok="$ok" -v s="$secs" 'BEGIN { e = 20 + 100 * s; printf "  admitted %d of %.0f allowed (%+.1f %%)", ok, e, (ok / e - 1) * 100 }'
  fi
  echo
}

cp examples/fleet/gateway.yaml "$WORK/gateway.yaml"
"$(redis_binary)" --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no > "$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do [ "$(redis PING 2>/dev/null)" = +PONG ] && break; sleep 0.1; done
for n in 1 2 3; do start_instance $n; done
for n in 1 2 3; do wait_ready $n; done
haproxy -f examples/fleet/haproxy.cfg > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
sleep 2 # HAProxy's first health checks (rise 2, every 500 ms)
curl -s "$LB/hello" > /dev/null
echo "3 instances, HAProxy on $LB, Redis on $REDIS_PORT; load: wrk -t2 -c$CONNECTIONS -d${DURATION}s; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "limit: 20 at once + 100/s shared by all instances (greedy); allowed in T s = 20 + 100 T"

# (a) warm instances share the limit
before=$(served); load /limited
report "(a) shared limit, 3 warm instances" limit
echo "    requests per instance: $(per_instance "$before" "$(served)")"

# (c) every instance reloads the file they all watch, twice, under load
load /hello & WRK=$!
sleep 3; sed -i 's/value: "1"/value: "2"/' "$WORK/gateway.yaml"
sleep 3; sed -i 's/value: "2"/value: "3"/' "$WORK/gateway.yaml"
wait $WRK
report "(c) 3 instances reload twice" -
echo "    reloads logged: $(cat "$WORK"/gw*.log | grep -c 'reloaded:' || true) (3 instances x 2); X-Config-Version now: $(curl -s -D - -o /dev/null "$LB/hello" | grep -i x-config-version | tr -d '\r' | cut -d' ' -f2)"

# (b) SIGTERM one instance under load
before=$(served); load /hello & WRK=$!
sleep 3; kill -TERM "$GW1"
wait "$GW1" && code=0 || code=$?
wait $WRK
report "(b) SIGTERM gw1 under load" -
echo "    gw1 exited with status $code (143 = after SIGTERM, once its shutdown hook had drained); requests: $(per_instance "$before" "$(served)")"

# (d) a cold instance joins under load
before=$(served); load /limited "$COLD_DURATION" & WRK=$!
sleep 1; start_instance 1 gw1-cold; started=$(date +%s.%N)
for _ in $(seq 1 300); do [ "$(ready 1)" = 200 ] && break; sleep 0.1; done
took=$(echo "$(date +%s.%N) - $started" | bc)
wait $WRK
report "(d) cold gw1 joins under load" limit
echo "    gw1 ready ${took%.*} s after its start; requests per instance: $(per_instance "$before" "$(served)")"
echo "    gw1: $(grep -h 'warm-up' "$WORK/gw1-cold.log" | sed -E 's/^[0-9:.]+ +//' | tail -1); WARN lines: $(grep -c WARN "$WORK/gw1-cold.log" || true)"
echo "logs: $WORK"
