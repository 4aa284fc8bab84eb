#!/usr/bin/env bash
# The calendar feed of a 200-session edition (issue 15): docs/benchmarks.md "Calendar feed".
#
#   bench/calendar.sh                       # generates a 1x hub, then measures
#   HUB=/tmp/hub-1 bench/calendar.sh        # on a copy of a data dir generated before (bench/run.sh KEEP_DATA=1)
#   SCALE=4 DURATION=20s bench/calendar.sh
#
# Starts the app on the hub, checks the feed (200, text/calendar; the edition and the scheduled ones of its 200
# sessions, about 190), then runs wrk at concurrency 1 and 32 for the full feed (200) and with the feed's ETag in
# If-None-Match (304). Prints one RESULT line of JSON per run and writes them to $RESULTS/calendar.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCALE=${SCALE:-1}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CONCURRENCY=${CONCURRENCY:-"1 32"}
APP_PORT=${APP_PORT:-8297}
SLUG=${SLUG:-synthetic-series-0001-2025}   # the generator's flagship edition: 200 sessions
JAVA=${BENCH_JAVA:-java}
JVM_OPTS=${JVM_OPTS:-"-Xms512m -Xmx2g"}
GEN_JVM_OPTS=${GEN_JVM_OPTS:-"-Xmx4g"}
RESULTS=${RESULTS:-$ROOT/bench/results/calendar}
export MARQUEE_ADMIN_USERNAME=${MARQUEE_ADMIN_USERNAME:-admin}
export MARQUEE_ADMIN_PASSWORD=${MARQUEE_ADMIN_PASSWORD:-bench-admin-password-1}

log() { echo "[calendar $(date +%H:%M:%S)] $*" >&2; }
command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y wrk >/dev/null; }

rm -rf "$RESULTS"; mkdir -p "$RESULTS"
DATA=$RESULTS/data
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

log "building the jar"
./mvnw -o -q package -DskipTests 2>/dev/null || ./mvnw -q package -DskipTests
if [ -n "${HUB:-}" ]; then
  log "copying the hub from $HUB"; cp -r "$HUB" "$DATA"
else
  log "generating a ${SCALE}x hub"
  MARQUEE_DATA_DIR=$DATA "$JAVA" $GEN_JVM_OPTS -jar target/marquee.jar generate --scale "$SCALE" > "$RESULTS/generate.log" 2>&1
  grep '^generate:' "$RESULTS/generate.log" >&2 || true
fi

log "starting the app on :$APP_PORT (load $(uptime | sed 's/.*load average: //'))"
MARQUEE_DATA_DIR=$DATA "$JAVA" $JVM_OPTS -jar target/marquee.jar --server.port=$APP_PORT > "$RESULTS/app.log" 2>&1 &
PIDS+=("$!")
until [[ "$(curl -s "http://127.0.0.1:$APP_PORT/actuator/health" 2>/dev/null)" == *'"status":"UP"}' ]]; do
  kill -0 "${PIDS[0]}" 2>/dev/null || { log "app died, see $RESULTS/app.log"; exit 1; }
  sleep 0.5
done

URL=http://127.0.0.1:$APP_PORT/api/events/$SLUG/calendar.ics
curl -s -D "$RESULTS/headers.txt" -o "$RESULTS/feed.ics" "$URL"
grep -qi '^content-type: text/calendar' "$RESULTS/headers.txt" || { log "not a calendar: $(head -1 "$RESULTS/headers.txt")"; exit 1; }
EVENTS=$(grep -c '^BEGIN:VEVENT' "$RESULTS/feed.ics")
ETAG=$(sed -n 's/^[Ee][Tt]ag: *\(.*\)\r$/\1/p' "$RESULTS/headers.txt")
log "feed: $(wc -c < "$RESULTS/feed.ics") bytes, $EVENTS VEVENTs, ETag $ETAG"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$URL")" = 304 ] || { log "no 304 for the feed's own ETag"; exit 1; }

for mode in full not-modified; do
  INM=""; [ "$mode" = not-modified ] && INM=$ETAG
  IF_NONE_MATCH=$INM wrk -t1 -c1 -d"$WARMUP" -s "$ROOT/bench/wrk/get.lua" "$URL" > /dev/null
  for c in $CONCURRENCY; do
    threads=$(( c < 2 ? 1 : 2 ))
    R=$(IF_NONE_MATCH=$INM wrk -t"$threads" -c"$c" -d"$DURATION" --timeout 60s -s "$ROOT/bench/wrk/get.lua" "$URL" | sed -n 's/^RESULT //p')
    LINE=$(python3 -c "import json,sys; r=json.loads(sys.argv[1]); r.update(scale=int(sys.argv[2]), mode=sys.argv[3], concurrency=int(sys.argv[4]), vevents=int(sys.argv[5]), feed_bytes=int(sys.argv[6])); print(json.dumps(r))" \
      "$R" "$SCALE" "$mode" "$c" "$EVENTS" "$(wc -c < "$RESULTS/feed.ics")")
    echo "RESULT $LINE"; echo "$LINE" >> "$RESULTS/calendar.jsonl"
  done
done
log "load after: $(uptime | sed 's/.*load average: //')"
