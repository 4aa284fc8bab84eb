#!/usr/bin/env bash
# What marquee.live.socket-buffer-size costs HTTP (docs/benchmarks.md): one node on the demo data with the
# setting at SIZE, then wrk (2 threads, 32 connections, 10 s) on a small GET answer, GraphiQL's 1.1 MB script
# and a 69 KB POST answer. Run sizes alternately (8KB 2KB 8KB 2KB) to see the noise.
# usage: JAR=target/marquee.jar bench/live/socket-buffers-http.sh SIZE ROUND
set -u
SIZE=$1; ROUND=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$(realpath "${JAR:-$ROOT/target/marquee.jar}")
D=${OUT:-/tmp}/httpb-$SIZE-$ROUND; rm -rf $D; mkdir -p $D; cd $D
source "$ROOT/bench/live/node.sh"
# system properties win over node.sh's environment: the demo data, no budgets, the buffer size under test
start_node "$JAR" "$D" -Dmarquee.demo-data=embedded -Dmarquee.rate-limit.enabled=false \
  -Dmarquee.live.socket-buffer-size=$SIZE
B=http://127.0.0.1:18492
ASSET=$B/graphiql/assets/$(ls $ROOT/src/main/resources/static/graphiql/assets | grep "^index-.*\.js$" | head -1)
SMALL="$B/graphql?query=%7B%20events(first%3A%205)%20%7B%20nodes%20%7B%20slug%20name%20startsAt%20%7D%20%7D%20%7D"
printf '{"query":"query IntrospectionQuery { __schema { types { name kind description fields(includeDeprecated: true) { name description args { name description type { name kind ofType { name kind } } } type { name kind ofType { name kind ofType { name kind } } } } } } }"}' > introspection.json
echo "introspection answer bytes: $(curl -s -X POST -H 'Content-Type: application/json' --data @introspection.json $B/graphql | wc -c); asset bytes: $(curl -s $ASSET | wc -c); small: $(curl -s "$SMALL" | wc -c)"
for name in small asset introspection; do
  case $name in
    small) wrk -t2 -c32 -d10s --latency -s $ROOT/bench/wrk/get.lua "$SMALL" > w-$name.txt 2>&1 ;;
    asset) wrk -t2 -c32 -d10s --latency -s $ROOT/bench/wrk/get.lua "$ASSET" > w-$name.txt 2>&1 ;;
    introspection) BODY_FILE=introspection.json wrk -t2 -c32 -d10s --latency -s $ROOT/bench/wrk/request.lua $B/graphql > w-$name.txt 2>&1 ;;
  esac
  echo "$SIZE round $ROUND $name $(grep RESULT w-$name.txt)"
done
kill $PID; wait $PID 2>/dev/null
