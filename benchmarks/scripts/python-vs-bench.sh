#!/usr/bin/env bash
# Runs the Python prototype (benchmarks/python/prototype.py) and `candlebus.jar bench` (the node's Bithumb feed,
# candle shards and strategy verticles, entered at the feed's frame handler) over the very same bytes, ROUNDS times
# alternately, and prints each result and their ratios, measured in this one run.
#
# Usage: benchmarks/scripts/python-vs-bench.sh [MESSAGES] [ROUNDS] [-- extra bench options]
#   MESSAGES  generated Bithumb trade messages (default 1000000), written once by `bench --write`
#   ROUNDS    alternating rounds of Python then Java (default 3)
# Needs python3 and the jar (mvn -pl launcher -am package -DskipTests); JAR=... overrides its path.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
ROUNDS=${2:-3}
shift $(( $# >= 2 ? 2 : $# ))
[[ "${1:-}" == "--" ]] && shift
JAR=${JAR:-launcher/target/candlebus.jar}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

java -jar "$JAR" bench --messages "$N" --write "$dir/trades.jsonl" 2>/dev/null
echo "input: $N messages, $(wc -c <"$dir/trades.jsonl") bytes; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -n "s/.*[ ^]$1=\([0-9.]*\).*/\1/p" | head -1; }
for round in $(seq 1 "$ROUNDS"); do
  py=$(python3 benchmarks/python/prototype.py "$dir/trades.jsonl")
  java_line=$(java -jar "$JAR" bench --input "$dir/trades.jsonl" "$@" 2>"$dir/err" | grep '^messages=')
  cpu=$(grep -o 'msgs_per_cpu_s=[0-9]*' "$dir/err" | cut -d= -f2)
  py_rate=$(echo " $py" | field msgs_per_s)
  py_cpu=$(echo " $py" | field msgs_per_cpu_s)
  java_rate=$(echo " $java_line" | field msgs_per_s)
  echo "round $round python: $py"
  echo "round $round bench:  $java_line msgs_per_cpu_s=$cpu"
  awk -v r="$round" -v jr="$java_rate" -v pr="$py_rate" -v jc="$cpu" -v pc="$py_cpu" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "round %s ratio: msgs_per_s %.1fx, msgs_per_cpu_s %.1fx (load %s)\n", r, jr / pr, jc / pc, load }'
done
