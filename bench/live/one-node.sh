#!/usr/bin/env bash
# The live benchmark on one node (docs/benchmarks.md): the jar with its own data dir and the limits raised for
# one client address, then bench/live/Live.java against it (HOLD seconds idle before the check-ins, default 10).
# usage: [HOLD=S] [WRITERS=N] [REGISTER=before] bench/live/one-node.sh JAR LABEL SUBSCRIBERS CHECKINS_PER_S SECONDS [java options...]  (in ${OUT:-/tmp}/run-LABEL)
set -u
JAR=$(realpath "$1"); LABEL=$2; N=$3; RATE=$4; SECS=$5; shift 5
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D=${OUT:-/tmp}/run-$LABEL; rm -rf $D; mkdir -p $D; cd $D
source "$ROOT/bench/live/node.sh"
start_node "$JAR" "$D" "$@"
java -Dhold=${HOLD:-10} -Dwriters=${WRITERS:-16} -Dregister=${REGISTER:-with} $ROOT/bench/live/Live.java http://127.0.0.1:18492 admin Bench-Admin-Passw0rd! $N $RATE $SECS $PID > live.out 2>&1
echo "rc=$?" >> live.out
kill $PID; wait $PID 2>/dev/null
cat live.out | tail -25
