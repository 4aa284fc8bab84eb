#!/usr/bin/env python3
"""Markdown tables from bench/results/scale-*/results.jsonl and summary.json (see docs/benchmarks.md)."""
import glob, json, os, sys

results = sys.argv[1] if len(sys.argv) > 1 else "bench/results"
rows, summaries = [], {}
for path in sorted(glob.glob(os.path.join(results, "scale-*", "results.jsonl"))):
    rows += [json.loads(line) for line in open(path) if line.strip()]
for path in glob.glob(os.path.join(results, "scale-*", "summary.json")):
    s = json.load(open(path))
    summaries[s["scale"]] = s
mutations = []
for path in sorted(glob.glob(os.path.join(results, "scale-*", "mutations.jsonl"))):
    mutations += [json.loads(line) for line in open(path) if line.strip()]
scales = sorted({r["scale"] for r in rows})
PATHS = ["trivial", "event-page", "event-page-get", "event-page-304", "event-page-apq"]
queries = [q for q in PATHS + ["events-list", "events-deep", "company-group", "series-analytics", "search"]
           if any(r["query"] == q for r in rows)]

def fmt(v, digits=1):
    return "–" if v is None else f"{v:,.{digits}f}"

def statuses(r):
    """The HTTP statuses a row got; flagged when any is not the one the row expects, or answers held errors."""
    a = r["app"]
    got = a.get("statuses")
    if got is None:
        return "–"
    expected = str(r.get("expected_status", 200))
    text = ", ".join(f"{k}: {v:,}" for k, v in sorted(got.items()))
    wrong = any(k != expected for k in got) or not got
    if a.get("graphql_errors"):
        text += f"; {a['graphql_errors']:,} with errors"
        wrong = True
    setup = r.get("setup") or {}
    if setup.get("registered_with_errors"):
        text += "; registering answered errors"
        wrong = True
    if "etag" in setup and not setup["etag"]:
        text += "; no ETag on the first GET"
        wrong = True
    return (f"**expected {expected} without errors, got** " if wrong else "") + text

print("### Per scale\n")
print("| scale | documents | generate (s) | start → health UP (s) | heap after GC (MiB) | load before |")
print("|---|---|---|---|---|---|")
for s in scales:
    m = summaries.get(s, {})
    heap = m.get("heap_after_gc_bytes")
    print(f"| {s}× | {m.get('documents', 0):,} | {fmt(m.get('generate_s'))} | {fmt(m.get('startup_to_health_up_s'))} | "
          f"{fmt(heap / 2**20 if heap else None)} | {m.get('uptime_before', '').split('load average:')[-1].strip()} |")
print()
# growth: each query and mutation at concurrency 1, p50 per scale, its ratio to the smallest scale and to the floor
if len(scales) > 1:
    print("### Growth across scales (concurrency 1)\n")
    print("| query | cmds/req | " + " | ".join(f"p50 ms {s}×" for s in scales) + f" | {scales[-1]}× ÷ {scales[0]}× | "
          + " | ".join(f"÷ floor {s}×" for s in scales) + " |")
    print("|---|---|" + "---|" * (2 * len(scales) + 1))
    def p50(r):
        return r["p50_ms"] if r and r.get("requests") else None
    for q in queries:
        at = {r["scale"]: r for r in rows if r["query"] == q and r["concurrency"] == 1}
        app = [p50(at[s]["app"]) if s in at else None for s in scales]
        floor = [p50(at[s]["floor"]) if s in at else None for s in scales]
        cmds = sorted({at[s]["app"].get("commands_per_request") for s in at})
        growth = app[-1] / app[0] if app[0] and app[-1] else None
        ratios = [a / f if a and f else None for a, f in zip(app, floor)]
        print(f"| {q} | {', '.join(str(c) for c in cmds)} | " + " | ".join(fmt(a) for a in app)
              + f" | {fmt(growth, 2)} | " + " | ".join(fmt(x, 2) for x in ratios) + " |")
    for name in ["updateEvent", "registerAttendee", "checkIn"]:
        at = {m["scale"]: m for m in mutations if m["mutation"] == name and m["concurrency"] == 1}
        if not at:
            continue
        app = [at[s]["p50_ms"] if s in at and at[s]["requests"] else None for s in scales]
        growth = app[-1] / app[0] if app[0] and app[-1] else None
        cmds = sorted({at[s].get("commands_per_request") for s in at})
        print(f"| {name} | {', '.join(str(c) for c in cmds)} | " + " | ".join(fmt(a) for a in app)
              + f" | {fmt(growth, 2)} | " + " | ".join("–" for _ in scales) + " |")
    print()

static = {(r["scale"], r["concurrency"]): r["floor"] for r in rows if r["query"] == "static"}
if static:
    print("Static HTTP floor (fixed bytes from com.sun.net.httpserver): " + "; ".join(
        f"{s}× c={c}: {fmt(v['rps'], 0)} req/s, p50 {fmt(v['p50_ms'], 2)} ms" for (s, c), v in sorted(static.items())) + "\n")
paths = [q for q in PATHS if q in queries]
if paths:
    print("### The event page by path, and the trivial query\n")
    print("`event-page` POST, `-get` GET (cacheable), `-304` GET with the ETag of a first GET in `If-None-Match`, "
          "`-apq` Apollo persisted query by hash (registered first); `trivial` is `{ __typename }`. Floors: the raw "
          "event page for POST/GET/APQ, the static response for `trivial` and `-304`. Statuses in bold are not what "
          "the row expects (200 without errors; 304 for `-304`).\n")
    print("| scale | row | c=1 req/s | c=1 p50 ms | c=1 p99 ms | c=32 req/s | c=32 p50 ms | c=32 p99 ms | floor p50 c=1 / c=32 | statuses (c=1; c=32) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in scales:
        for q in paths:
            at = {r["concurrency"]: r for r in rows if r["query"] == q and r["scale"] == s}
            if not at:
                continue
            one, many = at.get(1), at.get(32)
            def cell(r, key, digits=1):
                return fmt(r["app"][key], digits) if r and r["app"].get("requests") else "–"
            floor = " / ".join(fmt(r["floor"]["p50_ms"], 2) if r and r["floor"].get("requests") else "–" for r in (one, many))
            print(f"| {s}× | {q} | {cell(one, 'rps')} | {cell(one, 'p50_ms', 2)} | {cell(one, 'p99_ms', 2)} | "
                  f"{cell(many, 'rps')} | {cell(many, 'p50_ms', 2)} | {cell(many, 'p99_ms', 2)} | {floor} | "
                  f"{statuses(one) if one else '–'}; {statuses(many) if many else '–'} |")
    print()

for q in queries:
    print(f"### {q}\n")
    print("| scale | conc. | cmds/req | req/s | p50 ms | p99 ms | requests | floor req/s | floor p50 ms | p50 ÷ floor | statuses | load1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in sorted((r for r in rows if r["query"] == q), key=lambda r: (r["scale"], r["concurrency"])):
        a, f = r["app"], r["floor"]
        ratio = a["p50_ms"] / f["p50_ms"] if a["requests"] and f["requests"] and f["p50_ms"] else None
        if a.get("skipped") and f.get("skipped"):
            print(f"| {r['scale']}× | {r['concurrency']} | skipped: p50 at concurrency 1 above 1 s, more concurrency only queues "
                  f"| | | | | | | | | {r['load1']} |")
            continue
        if a["requests"] == 0 or f["requests"] == 0:
            a = {**a, "p50_ms": a["p50_ms"] or None, "p99_ms": a["p99_ms"] or None}
            f = {**f, "p50_ms": f["p50_ms"] or None}
        print(f"| {r['scale']}× | {r['concurrency']} | {fmt(a.get('commands_per_request'), 2)} | {fmt(a['rps'])} | "
              f"{fmt(a['p50_ms'], 1)} | {fmt(a['p99_ms'], 1)} | {a['requests']} | {fmt(f['rps'])} | {fmt(f['p50_ms'], 1)} | "
              f"{fmt(ratio, 2)} | {statuses(r)} | {r['load1']} |")
    print()

if mutations:
    print("### Organizer mutation mix\n")
    print("Closed loop (`bench/mutations/Mutations.java`), signed in as the first admin. `ok/s` counts successes; "
          "`outcomes` every answer by its payload error code (`OK` = none). updateEvent: each request is preceded by a "
          "fresh read of the version (not in the latency; its commands in brackets).\n")
    print("| scale | mutation | conc. | cmds/req | req/s | ok/s | p50 ms | p99 ms | requests | outcomes | load1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for m in sorted(mutations, key=lambda m: (m["scale"], ["updateEvent", "registerAttendee", "checkIn"].index(m["mutation"]), m["concurrency"])):
        cmds = fmt(m.get("commands_per_request"), 0)
        if m.get("commands_per_fresh_read") is not None:
            cmds += f" (+{m['commands_per_fresh_read']})"
        outcomes = ", ".join(f"{k} {v:,}" for k, v in m["outcomes"].items())
        if m.get("from_generated_registrations"):
            outcomes += f"; {m['from_generated_registrations']:,} of them generated registrations"
        if m.get("ran_out"):
            outcomes += f"; ran out of ids after {m['duration_s']} s"
        print(f"| {m['scale']}× | {m['mutation']} | {m['concurrency']} | {cmds} | {fmt(m['rps'])} | {fmt(m['ok_rps'])} | "
              f"{fmt(m['p50_ms'])} | {fmt(m['p99_ms'])} | {m['requests']:,} | {outcomes} | {m['load1']} |")
    print()

# chart data for bench/charts/Charts.java: chart,group,series,value
with open(os.path.join(results, "chart-data.csv"), "w") as out:
    for r in rows:
        if r["query"] == "static":
            continue
        a, f = r["app"], r["floor"]
        c = r["concurrency"]
        if a["requests"]:
            out.write(f"p50_c{c},{r['query']},app {r['scale']}x,{a['p50_ms']}\n")
            out.write(f"p99_c{c},{r['query']},app {r['scale']}x,{a['p99_ms']}\n")
        if f["requests"]:
            out.write(f"p50_c{c},{r['query']},floor {r['scale']}x,{f['p50_ms']}\n")
            out.write(f"p99_c{c},{r['query']},floor {r['scale']}x,{f['p99_ms']}\n")
        if c == 1 and a.get("commands_per_request") is not None:
            out.write(f"commands,{r['query']},{r['scale']}x,{a['commands_per_request']}\n")
    for m in mutations:
        if m["requests"]:
            out.write(f"p50_c{m['concurrency']},{m['mutation']},app {m['scale']}x,{m['p50_ms']}\n")
            out.write(f"p99_c{m['concurrency']},{m['mutation']},app {m['scale']}x,{m['p99_ms']}\n")
        if m["concurrency"] == 1 and m.get("commands_per_request") is not None:
            out.write(f"commands,{m['mutation']},{m['scale']}x,{m['commands_per_request']}\n")
    for s in scales:
        m = summaries.get(s, {})
        if m.get("heap_after_gc_bytes"):
            out.write(f"scale,heap after GC (MiB),{s}x,{m['heap_after_gc_bytes'] / 2**20:.1f}\n")
        if m.get("startup_to_health_up_s"):
            out.write(f"scale,start to health UP (s),{s}x,{m['startup_to_health_up_s']}\n")
