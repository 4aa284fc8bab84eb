#!/usr/bin/env bash
# Where a query's time goes: JFR execution samples of the app, and of the raw floor, under wrk; see
# docs/benchmarks.md ("Profile"). On a copy of a hub generated before (the embedded default):
#
#   HUB=/work/bench-data/scale-1 bench/profile.sh                       # event-page events-list trivial
#   HUB=… PROFILE_QUERIES="event-page" SECONDS_PER_RUN=30 bench/profile.sh
#   HUB=… JAR=/tmp/other/marquee.jar OUT=/tmp/profile-other bench/profile.sh   # another build, same data
#
# For each query: warm-up, then a JFR recording (settings=profile, -XX:+DebugNonSafepoints) of the app
# while wrk drives /graphql at CONCURRENCY, then one of the app and the floor together while wrk drives the
# floor (the embedded server the floor reads lives in the app's JVM). Each recording becomes a flame graph
# (SVG), collapsed stacks and a table of the frames on the most samples (bench/profile/Flame.java).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
: "${HUB:?HUB=<a data dir from 'java -jar target/marquee.jar generate'>}"
JAR=${JAR:-target/marquee.jar}
OUT=${OUT:-$ROOT/bench/results/profile}
PROFILE_QUERIES=${PROFILE_QUERIES:-"event-page events-list trivial"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
WARMUP=${WARMUP:-5s}
CONCURRENCY=${CONCURRENCY:-1}
APP_PORT=${APP_PORT:-8292}
FLOOR_PORT=${FLOOR_PORT:-8293}
JAVA=${BENCH_JAVA:-java}
JVM_OPTS=${JVM_OPTS:-"-Xms512m -Xmx2g"}
PROFILE_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:FlightRecorderOptions:stackdepth=512"
export MARQUEE_METRICS_SCRAPE_TOKEN=${MARQUEE_METRICS_SCRAPE_TOKEN:-bench-scrape-token}
log() { echo "[profile $(date +%H:%M:%S)] $*" >&2; }

[ -f "$JAR" ] || ./mvnw -o -q package -DskipTests
JDK_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
JCMD=$JDK_HOME/bin/jcmd
M2=${M2_REPO:-$HOME/.m2/repository}
DRIVER_VERSION=$(unzip -l "$JAR" | sed -n 's#.*BOOT-INF/lib/mongodb-driver-sync-\(.*\)\.jar#\1#p')
FLOOR_CP=$(ls "$M2"/org/mongodb/{bson,bson-record-codec,mongodb-driver-core,mongodb-driver-sync}/"$DRIVER_VERSION"/*-"$DRIVER_VERSION".jar | tr '\n' ':')
rm -rf "$OUT"; mkdir -p "$OUT/floor-classes"
javac -d "$OUT/floor-classes" -cp "$FLOOR_CP" bench/floor/Floor.java

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

cp -r "$HUB" "$OUT/data"
MARQUEE_DATA_DIR=$OUT/data "$JAVA" $JVM_OPTS $PROFILE_OPTS -jar "$JAR" --server.port=$APP_PORT > "$OUT/app.log" 2>&1 &
APP_PID=$!; PIDS+=("$APP_PID")
until [[ "$(curl -s "http://127.0.0.1:$APP_PORT/actuator/health" 2>/dev/null)" == *'"status":"UP"}' ]]; do
  kill -0 "$APP_PID" 2>/dev/null || { log "app died, see $OUT/app.log"; exit 1; }
  sleep 0.5
done
curl -s -o /dev/null -XPOST -H 'Content-Type: application/json' -d '{"query":"{ series(slug: \"x\") { id } }"}' "http://127.0.0.1:$APP_PORT/graphql"
ADDR=$(curl -s -H "Authorization: Bearer $MARQUEE_METRICS_SCRAPE_TOKEN" "http://127.0.0.1:$APP_PORT/actuator/prometheus" | grep -o 'server_address="[^"]*"' | head -1 | cut -d'"' -f2)
"$JAVA" $PROFILE_OPTS -Dsun.net.httpserver.nodelay=true -cp "$OUT/floor-classes:$FLOOR_CP" Floor "mongodb://$ADDR/marquee" "$FLOOR_PORT" > "$OUT/floor.log" 2>&1 &
FLOOR_PID=$!; PIDS+=("$FLOOR_PID")
until curl -s "http://127.0.0.1:$FLOOR_PORT/static" >/dev/null 2>&1; do sleep 0.2; done

body_of() { python3 -c 'import json,sys; print(json.dumps({"query": open(sys.argv[1]).read(), "variables": {}}))' "$1"; }
wrk_run() {  # url body_file duration
  local threads=$(( CONCURRENCY < 2 ? 1 : 2 ))
  BODY_FILE=$2 wrk -t"$threads" -c"$CONCURRENCY" -d"$3" --timeout 120s -s "$ROOT/bench/wrk/request.lua" "$1" | sed -n 's/^RESULT //p'
}
record() {  # pid name: starts a recording
  "$JCMD" "$1" JFR.start name="$2" settings=profile >/dev/null
}
dump() {  # pid name file
  "$JCMD" "$1" JFR.stop name="$2" filename="$3" >/dev/null
}
floor_url() { case $1 in trivial) echo "http://127.0.0.1:$FLOOR_PORT/static" ;; *) echo "http://127.0.0.1:$FLOOR_PORT/$1" ;; esac; }

for q in $PROFILE_QUERIES; do
  body_of "bench/queries/$q.graphql" > "$OUT/$q.json"
  log "$q: warm-up ($WARMUP)"
  wrk_run "http://127.0.0.1:$APP_PORT/graphql" "$OUT/$q.json" "$WARMUP" >/dev/null
  wrk_run "$(floor_url "$q")" "$OUT/$q.json" "$WARMUP" >/dev/null
  log "$q: recording the app (${SECONDS_PER_RUN}s, concurrency $CONCURRENCY, load $(cut -d' ' -f1 /proc/loadavg))"
  record "$APP_PID" "app-$q"
  wrk_run "http://127.0.0.1:$APP_PORT/graphql" "$OUT/$q.json" "${SECONDS_PER_RUN}s" | tee "$OUT/app-$q.wrk.json" >&2
  dump "$APP_PID" "app-$q" "$OUT/app-$q.jfr"
  log "$q: recording the floor and the embedded server (${SECONDS_PER_RUN}s)"
  record "$APP_PID" "server-$q"; record "$FLOOR_PID" "floor-$q"
  wrk_run "$(floor_url "$q")" "$OUT/$q.json" "${SECONDS_PER_RUN}s" | tee "$OUT/floor-$q.wrk.json" >&2
  dump "$APP_PID" "server-$q" "$OUT/server-$q.jfr"; dump "$FLOOR_PID" "floor-$q" "$OUT/floor-$q.jfr"
  "$JAVA" bench/profile/Flame.java "$OUT/app-$q" "app, $q, concurrency $CONCURRENCY" "$OUT/app-$q.jfr"
  "$JAVA" bench/profile/Flame.java "$OUT/floor-$q" "raw floor + embedded server, $q, concurrency $CONCURRENCY" \
    "$OUT/floor-$q.jfr" "$OUT/server-$q.jfr"
done
log "flame graphs: $OUT/*.svg; tables: $OUT/*.top.md"
