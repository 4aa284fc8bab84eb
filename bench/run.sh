#!/usr/bin/env bash
# Marquee benchmark kit: see docs/benchmarks.md.
#
#   bench/run.sh                      # scales 1 4 16 on the embedded default
#   SCALES="1 4" DURATION=15s bench/run.sh
#   MONGODB_URI=mongodb://host:27017/marquee bench/run.sh   # a real MongoDB (emptied with --force per scale)
#   QUERIES="event-page" MUTATIONS=0 bench/run.sh              # a subset; MUTATIONS=0 skips the organizer mix
#   HUB=/tmp/hub-1 SCALES=1 bench/run.sh   # the embedded default on a copy of a data dir generated before
#                                         # (KEEP_DATA=1 keeps one): two jars side by side on identical data
#   HUB=/work/bench-data/scale-{scale} bench/run.sh   # one hub per scale ({scale} replaced); a missing one is
#                                                     # generated there first and kept for the next run
#   QUERIES_AT_16="event-page event-page-304" MUTATIONS_AT_16=0 bench/run.sh   # fewer rows at one scale
#   JAR=/tmp/main/marquee.jar HUB=… RESULTS=/tmp/before bench/run.sh   # another build, not rebuilt, same hub
#
# For each scale: generate the hub into a fresh data dir (or the MongoDB named by MONGODB_URI), start the
# app, time start-up to /actuator/health UP, walk the events list to a deep cursor, then for each query
# run wrk at concurrency 1 and 32 against the app (/graphql) and against the raw floor (bench/floor),
# count MongoDB commands per request from /actuator/prometheus, then the organizer mutation mix
# (bench/mutations/Mutations.java: updateEvent, registerAttendee, checkIn at each concurrency, signed in
# as the first admin), and read the heap after a full GC.
# Results: bench/results/scale-N/results.jsonl (git-ignored); bench/report.py turns them into tables.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCALES=${SCALES:-"1 4 16"}
DURATION=${DURATION:-15s}           # per wrk run; slow queries at high concurrency get up to MAX_DURATION
MAX_DURATION=${MAX_DURATION:-60s}
SATURATED_MS=${SATURATED_MS:-1000}  # above this p50 at concurrency 1, higher concurrency only queues: skipped
WARMUP=${WARMUP:-5s}
CONCURRENCY=${CONCURRENCY:-"1 32"}
APP_PORT=${APP_PORT:-8290}
FLOOR_PORT=${FLOOR_PORT:-8291}
DEEP_PAGE=${DEEP_PAGE:-50}
JAVA=${BENCH_JAVA:-java}            # e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JVM_OPTS=${JVM_OPTS:-"-Xms512m -Xmx2g"}        # the app under test (same for every scale)
GEN_JVM_OPTS=${GEN_JVM_OPTS:-"-Xmx4g"}        # the generator
QUERIES=${QUERIES:-"trivial event-page event-page-get event-page-304 event-page-apq events-list events-deep company-group series-analytics search"}
MUTATIONS=${MUTATIONS:-1}           # 0: no organizer mutation mix
UPDATE_SLUG=${UPDATE_SLUG:-synthetic-series-0001-2023}     # the edition updateEvent renames
REGISTER_SLUG=${REGISTER_SLUG:-synthetic-series-0002-2024} # the edition registerAttendee fills, checkIn checks in
# QUERIES_AT_<scale> and MUTATIONS_AT_<scale> override QUERIES and MUTATIONS at that scale
# the first admin, created by whichever process first finds no account (the generator does); the mix signs in with it
export MARQUEE_ADMIN_USERNAME=${MARQUEE_ADMIN_USERNAME:-admin}
export MARQUEE_ADMIN_PASSWORD=${MARQUEE_ADMIN_PASSWORD:-bench-admin-password-1}
# /actuator/prometheus is open to admins and to this scrape token only
export MARQUEE_METRICS_SCRAPE_TOKEN=${MARQUEE_METRICS_SCRAPE_TOKEN:-bench-scrape-token}
RESULTS=${RESULTS:-$ROOT/bench/results}   # another dir keeps a side run from wiping the main results
mkdir -p "$RESULTS"

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y wrk >/dev/null; }
command -v python3 >/dev/null || { echo "python3 is needed for JSON handling" >&2; exit 1; }

if [ -z "${JAR:-}" ]; then
  log "building the jar"
  ./mvnw -o -q package -DskipTests 2>/dev/null || ./mvnw -q package -DskipTests
fi
JAR=${JAR:-target/marquee.jar}   # JAR=<another build>: that jar instead, not rebuilt (two jars side by side)
JDK_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
JCMD=$JDK_HOME/bin/jcmd
M2=${M2_REPO:-$HOME/.m2/repository}
DRIVER_VERSION=$(unzip -l "$JAR" | sed -n 's#.*BOOT-INF/lib/mongodb-driver-sync-\(.*\)\.jar#\1#p')
FLOOR_CP=$(ls "$M2"/org/mongodb/{bson,bson-record-codec,mongodb-driver-core,mongodb-driver-sync}/"$DRIVER_VERSION"/*-"$DRIVER_VERSION".jar | tr '\n' ':')
mkdir -p "$RESULTS/floor-classes"
javac -d "$RESULTS/floor-classes" -cp "$FLOOR_CP" bench/floor/Floor.java
mkdir -p "$RESULTS/mutations-classes"
javac -d "$RESULTS/mutations-classes" -cp "$FLOOR_CP" bench/mutations/Mutations.java

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

commands_total() {  # sum of mongodb_driver_commands_seconds_count over every command and collection
  curl -s -H "Authorization: Bearer $MARQUEE_METRICS_SCRAPE_TOKEN" "http://127.0.0.1:$APP_PORT/actuator/prometheus" \
    | awk '/^mongodb_driver_commands_seconds_count/ {s += $NF} END {printf "%d\n", s}'
}

body_of() {  # GraphQL request body (JSON) of a query file, with optional variables JSON
  python3 - "$1" "${2:-{\}}" <<'PY'
import json, sys
print(json.dumps({"query": open(sys.argv[1]).read(), "variables": json.loads(sys.argv[2])}))
PY
}

run_wrk() {  # url body_file concurrency duration -> RESULT json; METHOD, IF_NONE_MATCH, ACCEPT from the environment
  local threads=$(( $3 < 2 ? 1 : 2 ))
  BODY_FILE=$2 wrk -t"$threads" -c"$3" -d"$4" --timeout 120s -s "$ROOT/bench/wrk/request.lua" "$1" \
    | sed -n 's/^RESULT //p'
}

# How each query row is requested. Rows named after a query file POST it; the event page also goes
#   event-page-get  GET /graphql?query=… (HTTP caching's path: a 200 with Cache-Control and ETag)
#   event-page-304  the same GET with If-None-Match: <the ETag of a first GET> (RFC 9110: 304, no body)
#   event-page-apq  POST of Apollo's persisted query by its hash alone, registered first with the query
# Each row records the HTTP statuses it got and how many answers held "errors"; report.py shows them next
# to the status the row expects, so a 200 where a 304 was meant shows.
source_of() { case $1 in event-page-*) echo event-page ;; *) echo "$1" ;; esac; }
method_of() { case $1 in event-page-get|event-page-304) echo GET ;; *) echo POST ;; esac; }
expected_status() { case $1 in event-page-304) echo 304 ;; *) echo 200 ;; esac; }
get_url() {  # the GET URL of a query file
  python3 -c 'import sys, urllib.parse; print(sys.argv[2] + "?" + urllib.parse.urlencode({"query": open(sys.argv[1]).read()}))' \
    "$1" "http://127.0.0.1:$APP_PORT/graphql"
}
apq_bodies() {  # query_file registering_body_out hash_only_body_out: Apollo APQ (version 1, sha256 of the text)
  python3 - "$@" <<'PY'
import hashlib, json, sys
query = open(sys.argv[1]).read()
ext = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode("utf-8")).hexdigest()}}
open(sys.argv[2], "w").write(json.dumps({"query": query, "extensions": ext}))
open(sys.argv[3], "w").write(json.dumps({"extensions": ext}))
PY
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
drain() {  # wait until the app is idle again: requests wrk gave up on keep running server-side
  local prev now i
  prev=$(cpu_ticks "$1")
  for ((i = 0; i < 600; i++)); do
    sleep 1; now=$(cpu_ticks "$1")
    (( now - prev < 15 )) && return 0
    prev=$now
  done
}
seconds() {  # wrk duration for concurrency c: long enough for a slow query to finish a round, capped
  python3 -c "import math,sys; p50=float(sys.argv[1]); c=int(sys.argv[2]); d=int(sys.argv[3].rstrip('s'));
print(str(min(int(sys.argv[4].rstrip('s')), max(d, math.ceil(c * p50 / 1000 / $(nproc) * 1.5)))) + 's')" "$1" "$2" "$DURATION" "$MAX_DURATION"
}

for SCALE in $SCALES; do
  OUT=$RESULTS/scale-$SCALE
  rm -rf "$OUT"; mkdir -p "$OUT/bodies"
  DATA=$OUT/data
  log "scale $SCALE: load $(uptime | sed 's/.*load average: //')"
  uptime > "$OUT/uptime-before.txt"

  GEN_ARGS=(generate --scale "$SCALE")
  [ -n "${MONGODB_URI:-}" ] && GEN_ARGS+=(--force)
  GEN_START=$(date +%s.%N)
  HUB_DIR=${HUB:+${HUB//\{scale\}/$SCALE}}
  if [ -n "$HUB_DIR" ] && [ ! -e "$HUB_DIR" ] && [ "$HUB_DIR" != "$HUB" ]; then
    log "scale $SCALE: no hub at $HUB_DIR yet: generating it there (kept for later runs)"
    MARQUEE_DATA_DIR=$HUB_DIR.generating-$$ "$JAVA" $GEN_JVM_OPTS -jar "$JAR" "${GEN_ARGS[@]}" > "$HUB_DIR.generate.log" 2>&1
    mv "$HUB_DIR.generating-$$" "$HUB_DIR"
  fi
  if [ -n "$HUB_DIR" ]; then
    log "scale $SCALE: copying the hub generated earlier from $HUB_DIR"
    cp -r "$HUB_DIR" "$DATA"
    # the hub's own generator log, when kept next to it, gives the documents and the generation time
    if [ -f "$HUB_DIR.generate.log" ]; then cp "$HUB_DIR.generate.log" "$OUT/generate.log"; else : > "$OUT/generate.log"; fi
  else
    log "scale $SCALE: generating"
    MARQUEE_DATA_DIR=$DATA "$JAVA" $GEN_JVM_OPTS -jar "$JAR" "${GEN_ARGS[@]}" > "$OUT/generate.log" 2>&1
  fi
  GEN_END=$(date +%s.%N)
  grep '^generate:' "$OUT/generate.log" >&2 || true

  log "scale $SCALE: starting the app on :$APP_PORT"
  START=$(date +%s.%N)
  # budgets stay on (their two bucket round trips per request are part of what is measured) but never refuse:
  # every request of the kit comes from one address, which the default budget would answer with 429s
  MARQUEE_DATA_DIR=$DATA "$JAVA" $JVM_OPTS -jar "$JAR" --server.port=$APP_PORT \
    --marquee.rate-limit.capacity=1000000000 --marquee.rate-limit.restore-rate=1000000000 > "$OUT/app.log" 2>&1 &
  APP_PID=$!; PIDS+=("$APP_PID")
  until [[ "$(curl -s "http://127.0.0.1:$APP_PORT/actuator/health" 2>/dev/null)" == *'"status":"UP"}' ]]; do
    kill -0 "$APP_PID" 2>/dev/null || { log "app died, see $OUT/app.log"; exit 1; }
    sleep 0.2
  done
  UP=$(python3 -c "print(round($(date +%s.%N) - $START, 2))")
  log "scale $SCALE: health UP after ${UP}s"

  # the raw floor reads the same database: the embedded server's port is in the driver's metrics
  MONGO_URI=${MONGODB_URI:-}
  if [ -z "$MONGO_URI" ]; then
    curl -s -o /dev/null -XPOST -H 'Content-Type: application/json' -d '{"query":"{ series(slug: \"x\") { id } }"}' "http://127.0.0.1:$APP_PORT/graphql"
    ADDR=$(curl -s -H "Authorization: Bearer $MARQUEE_METRICS_SCRAPE_TOKEN" "http://127.0.0.1:$APP_PORT/actuator/prometheus" | grep -o 'server_address="[^"]*"' | head -1 | cut -d'"' -f2)
    MONGO_URI="mongodb://$ADDR/marquee"
  fi
  # without nodelay, com.sun.net.httpserver answers keep-alive requests ~40 ms late (Nagle + delayed ACK)
  "$JAVA" -Dsun.net.httpserver.nodelay=true -cp "$RESULTS/floor-classes:$FLOOR_CP" Floor "$MONGO_URI" "$FLOOR_PORT" > "$OUT/floor.log" 2>&1 &
  FLOOR_PID=$!; PIDS+=("$FLOOR_PID")
  until curl -s "http://127.0.0.1:$FLOOR_PORT/static" >/dev/null 2>&1; do sleep 0.2; done

  # request bodies; the deep cursor comes from walking the list page by page
  for q in trivial event-page events-list company-group series-analytics search; do
    body_of "bench/queries/$q.graphql" > "$OUT/bodies/$q.json"
  done
  cp "$OUT/bodies/event-page.json" "$OUT/bodies/event-page-get.json"; cp "$OUT/bodies/event-page.json" "$OUT/bodies/event-page-304.json"
  apq_bodies bench/queries/event-page.graphql "$OUT/bodies/event-page-apq.register.json" "$OUT/bodies/event-page-apq.json"
  CURSOR=null
  for ((page = 1; page < DEEP_PAGE; page++)); do
    CURSOR=$(body_of bench/queries/events-list.graphql "{\"after\": $CURSOR}" \
      | curl -s -XPOST -H 'Content-Type: application/json' --data @- "http://127.0.0.1:$APP_PORT/graphql" \
      | python3 -c 'import json,sys; e=json.load(sys.stdin)["data"]["events"]["pageInfo"]; print(json.dumps(e["endCursor"]) if e["hasNextPage"] else "null")')
    [ "$CURSOR" = null ] && { log "the list ended before page $DEEP_PAGE"; break; }
  done
  echo "$CURSOR" > "$OUT/deep-cursor.txt"
  log "scale $SCALE: deep cursor (page $DEEP_PAGE) $CURSOR"
  body_of bench/queries/events-list.graphql "{\"after\": $CURSOR}" > "$OUT/bodies/events-deep.json"

  floor_url() {
    case $1 in
      events-deep) echo "http://127.0.0.1:$FLOOR_PORT/events-list?after=$(python3 -c "import json,urllib.parse; print(urllib.parse.quote(json.loads('$CURSOR')))")" ;;
      trivial|event-page-304) echo "http://127.0.0.1:$FLOOR_PORT/static" ;;   # nothing to read: the HTTP floor
      *) echo "http://127.0.0.1:$FLOOR_PORT/$(source_of "$1")" ;;
    esac
  }
  app_url() { if [ "$(method_of "$1")" = GET ]; then get_url bench/queries/event-page.graphql; else echo "http://127.0.0.1:$APP_PORT/graphql"; fi; }
  app_request() {  # q headers_out: one request as the row's wrk makes it, the body on stdout
    local conditional=()
    [ -n "${IF_NONE_MATCH:-}" ] && conditional=(-H "If-None-Match: $IF_NONE_MATCH")
    if [ "$(method_of "$1")" = GET ]; then
      curl -s -D "$2" -H 'Accept: application/json' "${conditional[@]}" "$(app_url "$1")"
    else
      curl -s -D "$2" -XPOST -H 'Content-Type: application/json' --data @"$OUT/bodies/$1.json" "$(app_url "$1")"
    fi
  }

  Q_AT="QUERIES_AT_$SCALE"; M_AT="MUTATIONS_AT_$SCALE"
  for q in ${!Q_AT:-$QUERIES}; do
    METHOD=$(method_of "$q"); ACCEPT=; IF_NONE_MATCH=; SETUP='{}'
    [ "$METHOD" = GET ] && ACCEPT=application/json
    if [ "$q" = event-page-apq ]; then   # register the document: the query with its hash
      REGISTERED=$(curl -s -XPOST -H 'Content-Type: application/json' --data @"$OUT/bodies/$q.register.json" "$(app_url "$q")")
      echo "$REGISTERED" > "$OUT/$q.register-response.json"
      SETUP=$(python3 -c 'import json,sys; print(json.dumps({"registered_with_errors": "\"errors\"" in sys.argv[1]}))' "$REGISTERED")
    fi
    if [ "$q" = event-page-304 ]; then   # the ETag of a first GET
      app_request "$q" "$OUT/$q.first-headers.txt" > /dev/null
      IF_NONE_MATCH=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r\{0,1\}$/\1/p' "$OUT/$q.first-headers.txt" | tr -d '\r' | head -1)
      SETUP=$(python3 -c 'import json,sys; print(json.dumps({"etag": sys.argv[1] or None}))' "$IF_NONE_MATCH")
      [ -n "$IF_NONE_MATCH" ] || log "WARNING: $q: the first GET carried no ETag; the row runs unconditional GETs"
    fi
    export METHOD ACCEPT IF_NONE_MATCH
    RESPONSE=$(app_request "$q" "$OUT/$q.headers.txt")
    echo "$RESPONSE" > "$OUT/$q.response.json"
    STATUS=$(head -1 "$OUT/$q.headers.txt" | cut -d' ' -f2)
    [ "$STATUS" = "$(expected_status "$q")" ] || log "WARNING: $q answered $STATUS, the row expects $(expected_status "$q")"
    if echo "$RESPONSE" | grep -q '"errors"'; then log "WARNING: $q answered errors: ${RESPONSE:0:300}"; fi
    (unset METHOD IF_NONE_MATCH ACCEPT; curl -s "$(floor_url "$q")" > "$OUT/$q.floor-response.json")
    log "scale $SCALE: $q warm-up ($WARMUP)"
    run_wrk "$(app_url "$q")" "$OUT/bodies/$q.json" 1 "$WARMUP" >/dev/null
    METHOD=GET IF_NONE_MATCH= ACCEPT= run_wrk "$(floor_url "$q")" "$OUT/bodies/$q.json" 1 "$WARMUP" >/dev/null
    drain "$APP_PID"
    # commands of exactly one request, the app otherwise idle (wrk's counts include requests cut off at the end)
    C0=$(commands_total)
    app_request "$q" /dev/null > /dev/null
    C1=$(commands_total)
    ONE_REQUEST_COMMANDS=$((C1 - C0))
    P50_C1=0; F50_C1=0
    for c in $CONCURRENCY; do
      LOAD=$(cut -d' ' -f1 /proc/loadavg)
      BEFORE=$(commands_total)
      SKIP='{"requests":0,"rps":0,"p50_ms":0,"p99_ms":0,"skipped":true}'
      if [ "$c" != 1 ] && python3 -c "import sys; sys.exit(0 if float('$P50_C1') > $SATURATED_MS else 1)"; then
        R=$SKIP
      else
        R=$(run_wrk "$(app_url "$q")" "$OUT/bodies/$q.json" "$c" "$(seconds "$P50_C1" "$c")")
      fi
      AFTER=$(commands_total)
      drain "$APP_PID"
      if [ "$c" != 1 ] && python3 -c "import sys; sys.exit(0 if float('$F50_C1') > $SATURATED_MS else 1)"; then
        F=$SKIP
      else
        F=$(METHOD=GET IF_NONE_MATCH= ACCEPT= run_wrk "$(floor_url "$q")" "$OUT/bodies/$q.json" "$c" "$(seconds "$F50_C1" "$c")")
      fi
      drain "$APP_PID"   # the embedded server answering the floor lives in the app's JVM
      if [ "$c" = 1 ]; then
        # no request completed in the window counts as slower than the window: saturated
        P50_C1=$(echo "$R" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["p50_ms"] if r["requests"] else 1e9)')
        F50_C1=$(echo "$F" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["p50_ms"] if r["requests"] else 1e9)')
      fi
      python3 - "$SCALE" "$q" "$c" "$LOAD" "$BEFORE" "$AFTER" "$R" "$F" "$ONE_REQUEST_COMMANDS" "$METHOD" \
        "$(expected_status "$q")" "$SETUP" >> "$OUT/results.jsonl" <<'PY'
import json, sys
scale, q, c, load, before, after, r, f, one, method, expected, setup = sys.argv[1:]
app, floor = json.loads(r), json.loads(f)
app["commands_per_request_wrk"] = round((int(after) - int(before)) / app["requests"], 2) if app["requests"] else None
app["commands_per_request"] = int(one)
print(json.dumps({"scale": int(scale), "query": q, "concurrency": int(c), "load1": float(load), "method": method,
                  "expected_status": int(expected), "setup": json.loads(setup), "app": app, "floor": floor}))
PY
      log "scale $SCALE: $q c=$c app $(echo "$R" | cut -c1-120)"
      log "scale $SCALE: $q c=$c floor $(echo "$F" | cut -c1-120)"
    done
  done
  unset METHOD IF_NONE_MATCH ACCEPT
  if [ "${!M_AT:-$MUTATIONS}" != 0 ]; then
    drain "$APP_PID"
    log "scale $SCALE: organizer mutation mix (load $(cut -d' ' -f1 /proc/loadavg))"
    "$JAVA" -cp "$RESULTS/mutations-classes:$FLOOR_CP" Mutations "http://127.0.0.1:$APP_PORT" "$MONGO_URI" \
      "$MARQUEE_ADMIN_USERNAME" "$MARQUEE_ADMIN_PASSWORD" "$DURATION" "$WARMUP" "$CONCURRENCY" \
      "$UPDATE_SLUG" "$REGISTER_SLUG" bench/queries/mutations "$SCALE" "$OUT/mutations.jsonl" 2> "$OUT/mutations.log" \
      || log "WARNING: the mutation mix failed, see $OUT/mutations.log"
    grep -v '^\[mutations\] {' "$OUT/mutations.log" | tail -5 >&2 || true
    drain "$APP_PID"
  fi
  for c in $CONCURRENCY; do
    S=$(METHOD=GET run_wrk "http://127.0.0.1:$FLOOR_PORT/static" "$OUT/bodies/search.json" "$c" "$DURATION")
    echo "{\"scale\": $SCALE, \"query\": \"static\", \"concurrency\": $c, \"floor\": $S}" >> "$OUT/results.jsonl"
  done

  "$JCMD" "$APP_PID" GC.run >/dev/null; sleep 1
  "$JCMD" "$APP_PID" GC.heap_info > "$OUT/heap-info.txt"
  HEAP=$(curl -s -H "Authorization: Bearer $MARQUEE_METRICS_SCRAPE_TOKEN" "http://127.0.0.1:$APP_PORT/actuator/prometheus" \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%d\n", s}')
  DOCS=$(sed -n 's/.* = \([0-9,]*\) documents.*/\1/p' "$OUT/generate.log" | tr -d ,)
  if [ -n "$HUB_DIR" ]; then  # copied: the generation time is the hub's own, from its log (when kept)
    GEN_S=$(sed -n 's/.* documents in \([0-9.]*\) s.*/\1/p' "$OUT/generate.log" | head -1)
    GEN_START=0; GEN_END=${GEN_S:-0}
  fi
  python3 - "$SCALE" "${DOCS:-0}" "$GEN_START" "$GEN_END" "$UP" "$HEAP" "$(cat "$OUT/uptime-before.txt")" "$(uptime)" \
    "$("$JAVA" -version 2>&1 | head -1)" "$JVM_OPTS" "${HUB_DIR:-}" > "$OUT/summary.json" <<'PY'
import json, sys
a = sys.argv[1:]
print(json.dumps({"scale": int(a[0]), "documents": int(a[1]), "generate_s": round(float(a[3]) - float(a[2]), 1),
                  "startup_to_health_up_s": float(a[4]), "heap_after_gc_bytes": int(a[5]),
                  "uptime_before": a[6].strip(), "uptime_after": a[7].strip(), "java": a[8], "jvm_opts": a[9],
                  "hub": a[10] or None}))
PY
  cat "$OUT/summary.json" >&2
  kill "$FLOOR_PID" "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  PIDS=()
  [ -n "${KEEP_DATA:-}" ] || rm -rf "$DATA"
done
python3 bench/report.py "$RESULTS" > "$RESULTS/tables.md"
log "tables: $RESULTS/tables.md; charts: java bench/charts/Charts.java $RESULTS docs/benchmarks"
