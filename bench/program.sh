#!/usr/bin/env bash
# Program import and calendar feeds (issue 15): docs/benchmarks.md "Program import and calendar feeds".
#
#   bench/program.sh                                   # 500 sessions / 800 speakers, and a 200-session edition
#   SESSIONS=500 SPEAKERS=800 SMALL=200 DURATION=15s bench/program.sh
#   JAR=/tmp/other/marquee.jar bench/program.sh        # another build
#
# Builds nothing: uses target/marquee.jar (./mvnw -q -o package -DskipTests). Generates the made-up programs
# with bench/program/program.py (both formats, plus the same program with CHANGED sessions edited), starts
# the app on the embedded default (a fresh data dir, demo data) on APP_PORT, signs in as the first admin,
# creates a series with one published edition per format (whose days fit the program) and one for the SMALL
# program, then for each format:
#   - the first import (all created), REIMPORTS re-imports of the same file (must answer all unchanged),
#     the changed file (must update exactly CHANGED sessions); wall time of each POST as curl sees it;
#   - the app's heap during each import: the JVM runs with -Xlog:gc, and the pauses logged while the POST
#     ran give the peak occupancy (heap used before a pause, garbage included) and the most that was still
#     live (used after a pause); the baseline is the heap after a full GC (jcmd GC.run) just before.
# Then the calendar feed of the 500- and the SMALL-session edition: checked (200, text/calendar, one VEVENT
# per session plus the edition's), wrk at CONCURRENCY for the full feed and with its ETag (304).
# One RESULT line of JSON per measurement, also in $RESULTS/program.jsonl; the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SESSIONS=${SESSIONS:-500}
SPEAKERS=${SPEAKERS:-800}
SMALL=${SMALL:-200}                 # the calendar edition the issue names; 0 skips it
CHANGED=${CHANGED:-5}
REIMPORTS=${REIMPORTS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CONCURRENCY=${CONCURRENCY:-"1 32"}
APP_PORT=${APP_PORT:-8298}          # 8290-8297 belong to the other benchmark scripts
JAR=${JAR:-target/marquee.jar}
JAVA=${BENCH_JAVA:-java}
JVM_OPTS=${JVM_OPTS:-"-Xms512m -Xmx2g"}
RESULTS=${RESULTS:-$ROOT/bench/results/program}
export MARQUEE_ADMIN_USERNAME=${MARQUEE_ADMIN_USERNAME:-admin}
export MARQUEE_ADMIN_PASSWORD=${MARQUEE_ADMIN_PASSWORD:-bench-admin-password-1}
APP=http://127.0.0.1:$APP_PORT

log() { echo "[program $(date +%H:%M:%S)] $*" >&2; }
load() { sed 's/.*load average: //' /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average: //'; }
command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y wrk >/dev/null; }
[ -f "$JAR" ] || { echo "no $JAR: build it once with ./mvnw -q -o package -DskipTests" >&2; exit 1; }
if (exec 3<>/dev/tcp/127.0.0.1/$APP_PORT) 2>/dev/null; then echo "port $APP_PORT is taken: APP_PORT=…" >&2; exit 1; fi
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd

rm -rf "$RESULTS"; mkdir -p "$RESULTS"
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done' EXIT
result() { echo "RESULT $1"; echo "$1" >> "$RESULTS/program.jsonl"; }
result "{\"load_before\":\"$(load)\",\"cpus\":$(nproc)}"

log "generating the programs: $SESSIONS sessions / $SPEAKERS speakers (and $CHANGED changed), $SMALL sessions"
WINDOW=$(python3 bench/program/program.py --sessions "$SESSIONS" --speakers "$SPEAKERS" --out "$RESULTS/big")
python3 bench/program/program.py --sessions "$SESSIONS" --speakers "$SPEAKERS" --change "$CHANGED" --out "$RESULTS/big-changed" > /dev/null
if [ "$SMALL" -gt 0 ]; then
  SMALL_WINDOW=$(python3 bench/program/program.py --sessions "$SMALL" --speakers $(( SMALL * 8 / 5 )) --seed 16 \
    --start 2027-10-05 --out "$RESULTS/small")
fi

log "starting the app on :$APP_PORT (load $(load))"
MARQUEE_DATA_DIR=$RESULTS/data "$JAVA" $JVM_OPTS "-Xlog:gc:file=$RESULTS/gc.log:uptime" -jar "$JAR" \
  --server.port=$APP_PORT > "$RESULTS/app.log" 2>&1 &
APP_PID=$!; PIDS+=("$APP_PID")
until [[ "$(curl -s "$APP/actuator/health" 2>/dev/null)" == *'"status":"UP"}' ]]; do
  kill -0 "$APP_PID" 2>/dev/null || { log "app died, see $RESULTS/app.log"; exit 1; }
  sleep 0.5
done

json() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1]))" "$1"; }
TOKEN=$(curl -sf -X POST -u "$MARQUEE_ADMIN_USERNAME:$MARQUEE_ADMIN_PASSWORD" "$APP/auth/token" | json 'd["access_token"]')
graphql() {  # query, variables JSON: prints the data; fails on any error
  local body answer
  body=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2])}))' "$1" "$2")
  answer=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "$body" "$APP/graphql")
  python3 -c '
import json,sys
a=json.loads(sys.argv[1])
bad=a.get("errors") or [e for v in (a.get("data") or {}).values() if isinstance(v,dict) for e in (v.get("errors") or [])]
if bad: sys.exit("GraphQL: %s" % json.dumps(bad))
print(json.dumps(a["data"]))' "$answer"
}

SUFFIX=$(date +%s | tail -c 6)
SERIES=program-bench-$SUFFIX
SERIES_ID=$(graphql 'mutation($i: CreateSeriesInput!) { createSeries(input: $i) { series { id } errors { message } } }' \
  "{\"i\": {\"slug\": \"$SERIES\", \"name\": \"Program benchmark (made up)\"}}" | json 'd["createSeries"]["series"]["id"]')
edition() {  # slug, name, window JSON from the generator: creates and publishes the edition
  local w=$3 id
  id=$(graphql 'mutation($i: CreateEventInput!) { createEvent(input: $i) { event { id } errors { message } } }' \
    "{\"i\": {\"seriesId\": \"$SERIES_ID\", \"slug\": \"$1\", \"name\": \"$2\", \"startsAt\": $(echo "$w" | json 'json.dumps(d["startsAt"])'), \"endsAt\": $(echo "$w" | json 'json.dumps(d["endsAt"])'), \"timeZone\": $(echo "$w" | json 'json.dumps(d["timeZone"])')}}" \
    | json 'd["createEvent"]["event"]["id"]')
  graphql 'mutation($id: ID!) { publishEvent(id: $id) { errors { message } } }' "{\"id\": \"$id\"}" > /dev/null
}
edition "$SERIES-sessionize-2027" "Program benchmark, Sessionize (made up)" "$WINDOW"
edition "$SERIES-pretalx-2027" "Program benchmark, pretalx (made up)" "$WINDOW"
[ "$SMALL" -gt 0 ] && edition "$SERIES-small-2027" "Program benchmark, $SMALL sessions (made up)" "$SMALL_WINDOW"
log "series $SERIES: editions ready"

heap_used_mb() {  # heap used now, in MB, from jcmd GC.heap_info (G1: "garbage-first heap total …K, used …K")
  "$JCMD" "$APP_PID" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1 | awk '{printf "%.1f", $1/1024}'
}
import_once() {  # format slug file expectation label: POSTs, checks the answer, prints a RESULT line
  local format=$1 slug=$2 file=$3 expect=$4 label=$5
  "$JCMD" "$APP_PID" GC.run > /dev/null
  local base; base=$(heap_used_mb)
  local mark; mark=$(wc -l < "$RESULTS/gc.log")
  local out; out=$(curl -s -o "$RESULTS/answer.json" -w '%{http_code} %{time_total}' -X POST \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "@$file" \
    "$APP/api/events/$slug/program")
  local after; after=$(heap_used_mb)
  local code=${out% *} seconds=${out#* }
  [ "$code" = 200 ] || { log "$label: HTTP $code $(head -c 2000 "$RESULTS/answer.json")"; exit 1; }
  local line
  line=$(python3 - "$RESULTS/answer.json" "$expect" "$format" "$label" "$seconds" "$(stat -c %s "$file")" "$base" "$after" \
    "$RESULTS/gc.log" "$mark" <<'PY'
import json, re, sys
answer_file, expect, fmt, label, seconds, size, base, after, gc_log, mark = sys.argv[1:]
answer = json.load(open(answer_file))
s = answer["sessions"]
ok = {"created": s["created"] == int(expect.split(":")[1]),
      "unchanged": all(answer[k]["created"] == answer[k]["updated"] == answer[k]["removed"] == 0 for k in ("sessions", "speakers", "tracks")),
      "changed": s["updated"] == int(expect.split(":")[1]) and s["created"] == s["removed"] == 0}[expect.split(":")[0]]
if not ok:
    sys.exit("%s: expected %s, got %s" % (label, expect, json.dumps(answer)))
before_mb, after_mb = [], []
for line in open(gc_log).readlines()[int(mark):]:
    m = re.search(r"(\d+)M->(\d+)M\(\d+M\)", line)
    if m:
        before_mb.append(int(m.group(1))); after_mb.append(int(m.group(2)))
print(json.dumps({"format": fmt, "import": label, "seconds": float(seconds), "file_mb": round(int(size) / 2**20, 2),
                  "answer": {k: answer[k] for k in ("sessions", "speakers", "tracks")},
                  "heap_base_mb": float(base or 0), "heap_end_mb": float(after or 0), "gc_pauses": len(before_mb),
                  "heap_peak_mb": max(before_mb + [float(after or 0)]),
                  "heap_live_max_mb": max(after_mb) if after_mb else None}))
PY
  )
  result "$line"
}

for format in sessionize pretalx; do
  slug=$SERIES-$format-2027
  log "$format: first import ($(stat -c %s "$RESULTS/big/$format.json") bytes)"
  import_once "$format" "$slug" "$RESULTS/big/$format.json" "created:$SESSIONS" first
  for i in $(seq 1 "$REIMPORTS"); do
    import_once "$format" "$slug" "$RESULTS/big/$format.json" "unchanged:0" "same-$i"
  done
  import_once "$format" "$slug" "$RESULTS/big-changed/$format.json" "changed:$CHANGED" "changed"
done
if [ "$SMALL" -gt 0 ]; then
  import_once sessionize "$SERIES-small-2027" "$RESULTS/small/sessionize.json" "created:$SMALL" first-small
fi

feed() {  # slug sessions
  local slug=$1 sessions=$2 url=$APP/api/events/$1/calendar.ics
  curl -s -D "$RESULTS/headers-$sessions.txt" -o "$RESULTS/feed-$sessions.ics" "$url"
  grep -qi '^content-type: text/calendar' "$RESULTS/headers-$sessions.txt" || { log "not a calendar: $(head -1 "$RESULTS/headers-$sessions.txt")"; exit 1; }
  local events; events=$(grep -c '^BEGIN:VEVENT' "$RESULTS/feed-$sessions.ics")
  [ "$events" -ge "$sessions" ] || { log "$slug: $events VEVENTs for $sessions sessions"; exit 1; }
  local etag; etag=$(sed -n 's/^[Ee][Tt]ag: *\(.*\)\r$/\1/p' "$RESULTS/headers-$sessions.txt")
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url")" = 304 ] || { log "no 304 for the feed's own ETag"; exit 1; }
  local bytes; bytes=$(wc -c < "$RESULTS/feed-$sessions.ics")
  log "feed of $slug: $bytes bytes, $events VEVENTs, ETag $etag"
  for mode in full not-modified; do
    local inm=""; [ "$mode" = not-modified ] && inm=$etag
    IF_NONE_MATCH=$inm wrk -t1 -c1 -d"$WARMUP" -s "$ROOT/bench/wrk/get.lua" "$url" > /dev/null
    for c in $CONCURRENCY; do
      local threads=$(( c < 2 ? 1 : 2 ))
      local r; r=$(IF_NONE_MATCH=$inm wrk -t"$threads" -c"$c" -d"$DURATION" --timeout 60s -s "$ROOT/bench/wrk/get.lua" "$url" | sed -n 's/^RESULT //p')
      result "$(python3 -c "import json,sys; r=json.loads(sys.argv[1]); r.update(feed_sessions=int(sys.argv[2]), mode=sys.argv[3], concurrency=int(sys.argv[4]), vevents=int(sys.argv[5]), feed_bytes=int(sys.argv[6]), load=sys.argv[7]); print(json.dumps(r))" \
        "$r" "$sessions" "$mode" "$c" "$events" "$bytes" "$(load)")"
    done
  done
}
feed "$SERIES-sessionize-2027" "$SESSIONS"
[ "$SMALL" -gt 0 ] && feed "$SERIES-small-2027" "$SMALL"
"$JCMD" "$APP_PID" GC.run > /dev/null
result "{\"load_after\":\"$(load)\",\"heap_after_full_gc_mb\":$(heap_used_mb)}"
log "done: $RESULTS/program.jsonl"
