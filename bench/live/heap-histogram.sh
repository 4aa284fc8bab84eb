#!/usr/bin/env bash
# Where an idle subscriber's heap goes (docs/benchmarks.md): one node on the jar with its own data dir, a
# jmap -histo:live before N anonymous subscribers of attendanceChanged connect and one while they sit idle,
# the diff per class divided by N (largest first), then Live.java's own metric line.
# usage: bench/live/heap-histogram.sh JAR LABEL N [java options...]   (results in ${OUT:-/tmp}/histo-LABEL)
set -u
JAR=$(realpath "$1"); LABEL=$2; N=$3; shift 3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D=${OUT:-/tmp}/histo-$LABEL; rm -rf $D; mkdir -p $D; cd $D
source "$ROOT/bench/live/node.sh"
start_node "$JAR" "$D" "$@"
(java -Dhold=45 $ROOT/bench/live/Live.java http://127.0.0.1:18492 admin Bench-Admin-Passw0rd! $N 1 2 $PID > live.out 2>&1) &
LP=$!
until grep -q "prepared" live.out 2>/dev/null; do sleep 1; done
jmap -histo:live $PID > before.txt
until grep -q "holding" live.out 2>/dev/null; do sleep 1; done
sleep 15
jmap -histo:live $PID > during.txt
wait $LP
kill $PID; wait $PID 2>/dev/null
python3 - $N <<'PY'
import sys,re
n=int(sys.argv[1])
def load(f):
    d={}
    for line in open(f):
        m=re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)',line)
        if m: d[m.group(3)]=(int(m.group(1)),int(m.group(2)))
    return d
b=load('before.txt'); a=load('during.txt')
rows=[]
for k,(c,by) in a.items():
    c0,b0=b.get(k,(0,0))
    rows.append(((by-b0)/n,(c-c0)/n,k))
rows.sort(reverse=True)
print("total per subscriber: %.0f B" % sum(r[0] for r in rows))
for r in rows[:40]: print("%8.0f B %6.2f  %s" % r)
PY
tail -3 live.out
