#!/usr/bin/env bash
# Does serving GET /status under load disturb ingestion? In one run on one machine:
#   1. a node follows 100 instruments on the built-in simulator (market, strategy and http roles);
#   2. `bench --rate R` measures message-to-band latency alone (baseline);
#   3. the same bench again while wrk loads that node's /status summary flat out, then paced to ~5,000/s;
#   4. the bench alone once more (the noise of a shared machine shows as the gap between 2 and 4).
# Prints the summary's and the full body's sizes, wrk's figures, the three p99s and whether the node's 100
# streams stayed live. Needs wrk (Debian: apt-get install -y wrk) and launcher/target/candlebus.jar
# (mvn -B -pl launcher -am package -DskipTests).
#
#   benchmarks/scripts/status-load.sh [RATE] [WRK_SECONDS] [WRK_CONNECTIONS] [PACED_DELAY_MS]
set -euo pipefail
RATE=${1:-20000}
SECONDS_LOAD=${2:-45}
CONNECTIONS=${3:-32}
DELAY_MS=${4:-4}
MESSAGES=$((RATE * 30))
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/launcher/target/candlebus.jar
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# 100 instruments: 80 Binance spot and 20 Bithumb; the simulator makes a market for any it does not know.
INSTRUMENTS=$(python3 -c 'print(",".join(["binance:spot:C%dUSDT" % i for i in range(80)] + ["bithumb:spot:KRW-C%d" % i for i in range(20)]))')

java -Xmx1g -jar "$JAR" --node status-bench --roles market,strategy,http --http-port "$PORT" \
  --data "$WORK/data" --instruments "$INSTRUMENTS" >"$WORK/node.log" 2>&1 &
NODE_PID=$!
BASE=http://127.0.0.1:$PORT
streams() { curl -sf "$BASE/status" | python3 -c 'import json,sys; s=json.load(sys.stdin)["streams"]; print(s["count"], s["stale"], json.dumps(s["byState"]))' 2>/dev/null || echo "0 - -"; }
for _ in $(seq 1 180); do
  read -r COUNT _ _ <<<"$(streams)"
  [ "$COUNT" = 100 ] && break
  sleep 1
done
[ "$COUNT" = 100 ] || { echo "the node did not report 100 streams; see its log:"; tail -20 "$WORK/node.log"; exit 1; }
sleep 20   # warm-up: every stream's first candles and bands, the JIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "/status summary: $(curl -s "$BASE/status" | wc -c) bytes; /status?detail=full: $(curl -s "$BASE/status?detail=full" | wc -c) bytes"
echo "streams (count, stale, by state): $(streams)"

bench() {
  # The bench keeps every latency sample: 600,000 of them want more than 512 MB.
  java -Xmx2g -jar "$JAR" bench --messages "$MESSAGES" --rate "$RATE" >"$WORK/bench.txt" 2>&1 || true
  grep '^messages=' "$WORK/bench.txt" || { echo "bench failed:"; tail -5 "$WORK/bench.txt"; }
}
echo "== bench --rate $RATE alone"
bench
# Load under wrk: flat out (what the summary can serve), then paced to about 5,000 requests/s (each
# connection waits DELAY_MS before its next request), the load the summary must hold without harm.
loaded() {
  local label=$1; shift
  echo "== bench --rate $RATE while wrk $label"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_LOAD}s" --latency "$@" "$BASE/status" >"$WORK/wrk.txt" 2>&1 &
  WRK_PID=$!
  sleep 3
  bench
  echo "load average under wrk: $(cut -d' ' -f1-3 /proc/loadavg)"
  wait "$WRK_PID"
  grep -E 'Requests/sec|Transfer/sec|Latency|50%|99%|requests in|Non-2xx|Socket errors' "$WORK/wrk.txt"
  echo "streams after the load (count, stale, by state): $(streams)"
}
loaded "-t2 -c$CONNECTIONS -d${SECONDS_LOAD}s (flat out)"
printf 'function delay()\n  return %s\nend\n' "$DELAY_MS" >"$WORK/paced.lua"
loaded "-t2 -c$CONNECTIONS -d${SECONDS_LOAD}s -s paced.lua (delay ${DELAY_MS} ms per request and connection)" -s "$WORK/paced.lua"
echo "== bench --rate $RATE alone, again"
bench
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
