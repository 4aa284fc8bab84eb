#!/usr/bin/env python3
"""A made-up conference program in both import formats (issue 15's benchmark): docs/benchmarks.md
"Program import and calendar feeds".

    python3 bench/program/program.py --sessions 500 --speakers 800 --out /tmp/prog
    python3 bench/program/program.py --sessions 500 --speakers 800 --change 5 --out /tmp/prog-changed

Writes OUT/sessionize.json (a Sessionize "All data" export) and OUT/pretalx.json (a pretalx/frab
schedule.json) holding the same program, and prints one line of JSON with the edition the program fits:
{"startsAt", "endsAt" (UTC instants), "timeZone", "days", "sessions", "speakers"}. Everything is MADE UP
(names from word lists) and deterministic: the same arguments give byte-identical files. --change K edits
the title and description of K sessions spread over the program (the same ones in both formats), so a
re-import of the changed files updates exactly K sessions.

Sessions lie on a grid of 45-minute slots, 09:00-18:00 local time, in ROOMS rooms on consecutive days from
--start, as many days as the sessions need; each session lasts 20 to 45 minutes and has 1 to 3 speakers;
every speaker has at least one session. The edition runs from 08:00 on the first day to 19:00 on the last.
"""
import argparse
import datetime as dt
import json
import math
import os
import random
import uuid
from zoneinfo import ZoneInfo

ROOMS = 12
SLOTS_PER_DAY = 12          # 09:00 .. 17:15 starts, 45 minutes apart
SLOT = dt.timedelta(minutes=45)
TRACKS = ["Cloud infrastructure", "Data engineering", "Machine learning", "Frontend", "Security",
          "Developer experience", "Mobile", "Leadership"]
FORMATS = ["Talk", "Talk", "Talk", "Talk", "Lightning talk", "Workshop", "Panel", "Keynote"]
FIRST = ["Alex", "Sam", "Robin", "Kim", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Avery", "Quinn",
         "Jamie", "Drew", "Reese", "Skyler", "Rowan", "Emerson", "Finley", "Harper", "Hayden", "Jules",
         "Kendall", "Logan", "Noa", "Parker", "Sage", "Tatum", "Wren", "Ari", "Blake"]
LAST = ["Example", "Sample", "Placeholder", "Fictional", "Madeup", "Invented", "Testcase", "Dummy",
        "Mockford", "Stubbs", "Fakely", "Notreal", "Pretend", "Imagin", "Synthetic", "Generated", "Demo",
        "Template", "Draftson", "Modelle"]
ROLES = ["Staff engineer", "Engineering manager", "Data scientist", "Developer advocate", "SRE",
         "Principal architect", "Security researcher", "Product engineer", "CTO", "Consultant"]
WORDS = ("latency cache pipeline schema replica shard queue stream index cluster graph token budget rollout "
         "canary observability tracing compiler runtime memory garbage collector container scheduler backlog "
         "migration contract resolver gateway mesh edge batch window watermark checkpoint").split()
TOPICS = ["Scaling {a} without {b}", "What we learned running {a} in production", "The {a} {b} handbook",
          "{a} and {b}: a love story", "Ten mistakes with {a}", "Hands-on {a} for {b} teams",
          "Why our {a} needed a {b}", "From {a} to {b} in one quarter"]


def sentence(rnd, words):
    text = " ".join(rnd.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rnd, sentences):
    return " ".join(sentence(rnd, rnd.randint(8, 16)) for _ in range(sentences))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sessions", type=int, default=500)
    p.add_argument("--speakers", type=int, default=800)
    p.add_argument("--seed", type=int, default=15)
    p.add_argument("--start", default="2027-09-14", help="the first day (local date)")
    p.add_argument("--zone", default="Europe/Berlin")
    p.add_argument("--change", type=int, default=0, help="edit this many sessions (for a changed re-import)")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.speakers < 1 or a.sessions < 1 or a.speakers > 3 * a.sessions:
        p.error("need 1 <= speakers <= 3 * sessions (every speaker speaks, at most 3 per session)")
    rnd = random.Random(a.seed)
    zone = ZoneInfo(a.zone)
    first_day = dt.date.fromisoformat(a.start)
    days = math.ceil(a.sessions / (ROOMS * SLOTS_PER_DAY))

    speakers = []
    for i in range(a.speakers):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        speakers.append({
            "id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
            "code": "S%05d" % i,
            "first": first, "last": last, "name": "%s %s %d" % (first, last, i),
            "tagLine": "%s (fictional)" % rnd.choice(ROLES),
            "bio": "%s is a made-up speaker. %s\n\n%s" % (first, paragraph(rnd, 3), paragraph(rnd, 2)),
            "photo": ("https://example.com/photos/speaker-%d.jpg" % i) if i % 3 else None,
        })

    # every speaker at least once: speaker i opens at session i % N; then up to 3 per session
    lineup = [[] for _ in range(a.sessions)]
    for i in range(a.speakers):
        lineup[i % a.sessions].append(i)
    for s in lineup:
        while len(s) < 3 and rnd.random() < 0.25:
            extra = rnd.randrange(a.speakers)
            if extra not in s:
                s.append(extra)
        if not s:
            s.append(rnd.randrange(a.speakers))

    changed = set()
    if a.change:
        step = max(1, a.sessions // a.change)
        changed = set(range(0, a.sessions, step)[:a.change])

    sessions = []
    for i in range(a.sessions):
        day, rest = divmod(i, ROOMS * SLOTS_PER_DAY)
        slot, room = divmod(rest, ROOMS)
        date = first_day + dt.timedelta(days=day)
        start = dt.datetime.combine(date, dt.time(9, 0), zone) + slot * SLOT
        minutes = rnd.choice([20, 30, 40, 45])
        topic = rnd.choice(TOPICS).format(a=rnd.choice(WORDS), b=rnd.choice(WORDS))
        title = "%s (session %d)" % (topic[0].upper() + topic[1:], i + 1)
        abstract = paragraph(rnd, 2)
        description = "%s\n\n%s" % (paragraph(rnd, 4), paragraph(rnd, 3))
        if i in changed:
            title += " (revised)"
            description += "\n\nRevised: " + sentence(random.Random(a.seed * 100003 + i), 10)  # its own draw: the rest stays byte-identical
        sessions.append({
            "n": i + 1,
            "guid": str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
            "title": title, "abstract": abstract, "description": description,
            "start": start, "minutes": minutes, "room": room,
            "format": rnd.choice(FORMATS), "track": rnd.choice(TRACKS),
            "speakers": lineup[i],
        })

    os.makedirs(a.out, exist_ok=True)
    comment = ("MADE UP by bench/program/program.py (seed %d): no real sessions, speakers or people."
               % a.seed)
    write(os.path.join(a.out, "sessionize.json"), sessionize(comment, sessions, speakers))
    write(os.path.join(a.out, "pretalx.json"), pretalx(comment, a, zone, first_day, days, sessions, speakers))

    opens = dt.datetime.combine(first_day, dt.time(8, 0), zone)
    closes = dt.datetime.combine(first_day + dt.timedelta(days=days - 1), dt.time(19, 0), zone)
    print(json.dumps({"startsAt": utc(opens), "endsAt": utc(closes), "timeZone": a.zone, "days": days,
                      "sessions": a.sessions, "speakers": a.speakers}))


def utc(moment):
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write(path, document):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=1)
        f.write("\n")


def sessionize(comment, sessions, speakers):
    formats = sorted(set(FORMATS))
    format_ids = {name: 1000 + k for k, name in enumerate(formats)}
    track_ids = {name: 2000 + k for k, name in enumerate(TRACKS)}
    talks = {}
    out_sessions = []
    for s in sessions:
        for k in s["speakers"]:
            talks.setdefault(k, []).append({"id": str(s["n"]), "name": s["title"]})
        end = s["start"] + dt.timedelta(minutes=s["minutes"])
        out_sessions.append({
            "id": str(s["n"]), "title": s["title"], "description": s["abstract"] + "\n\n" + s["description"],
            "startsAt": s["start"].strftime("%Y-%m-%dT%H:%M:%S"), "endsAt": end.strftime("%Y-%m-%dT%H:%M:%S"),
            "isServiceSession": False, "isPlenumSession": s["format"] == "Keynote",
            "speakers": [speakers[k]["id"] for k in s["speakers"]],
            "categoryItems": [format_ids[s["format"]], track_ids[s["track"]]],
            "questionAnswers": [], "roomId": 100 + s["room"], "liveUrl": None, "recordingUrl": None,
            "status": "Accepted", "isInformed": True, "isConfirmed": True,
        })
    out_speakers = [{
        "id": sp["id"], "firstName": sp["first"], "lastName": sp["last"], "fullName": sp["name"],
        "bio": sp["bio"].replace("\n", "\r\n"), "tagLine": sp["tagLine"], "profilePicture": sp["photo"],
        "sessions": talks.get(k, []), "isTopSpeaker": False, "links": [], "questionAnswers": [], "categories": [],
    } for k, sp in enumerate(speakers)]
    return {
        "_comment": comment,
        "sessions": out_sessions,
        "speakers": out_speakers,
        "questions": [],
        "categories": [
            {"id": 10, "title": "Session format", "type": "session", "sort": 1,
             "items": [{"id": format_ids[n], "name": n, "sort": k} for k, n in enumerate(formats)]},
            {"id": 20, "title": "Track", "type": "session", "sort": 2,
             "items": [{"id": track_ids[n], "name": n, "sort": k} for k, n in enumerate(TRACKS)]},
        ],
        "rooms": [{"id": 100 + r, "name": "Room %d" % (r + 1), "sort": r} for r in range(ROOMS)],
    }


def pretalx(comment, a, zone, first_day, days, sessions, speakers):
    out_days = []
    for d in range(days):
        date = first_day + dt.timedelta(days=d)
        rooms = {"Room %d" % (r + 1): [] for r in range(ROOMS)}
        for s in sessions:
            if s["start"].date() != date:
                continue
            room = "Room %d" % (s["room"] + 1)
            rooms[room].append({
                "guid": s["guid"], "code": "P%05d" % s["n"], "id": s["n"], "logo": None,
                "date": s["start"].isoformat(), "start": s["start"].strftime("%H:%M"),
                "duration": "%02d:%02d" % divmod(s["minutes"], 60), "room": room,
                "slug": "bench-%d" % s["n"], "url": "https://example.com/talk/%d/" % s["n"],
                "title": s["title"], "subtitle": "", "track": s["track"], "type": s["format"], "language": "en",
                # pretalx writes markdown rendered to HTML: a paragraph each, which the import turns into text
                "abstract": s["abstract"], "description": "<p>" + s["description"].replace("\n\n", "</p><p>") + "</p>",
                "recording_license": "", "do_not_record": False,
                "persons": [{
                    "code": speakers[k]["code"], "guid": speakers[k]["id"], "name": speakers[k]["name"],
                    "public_name": speakers[k]["name"], "avatar": speakers[k]["photo"],
                    "biography": speakers[k]["bio"], "answers": [],
                } for k in s["speakers"]],
                "links": [], "feedback_url": "", "origin_url": "", "attachments": [], "answers": [],
            })
        out_days.append({
            "index": d + 1, "date": date.isoformat(),
            "day_start": dt.datetime.combine(date, dt.time(4, 0), zone).isoformat(),
            "day_end": dt.datetime.combine(date + dt.timedelta(days=1), dt.time(3, 59), zone).isoformat(),
            "rooms": rooms,
        })
    last = first_day + dt.timedelta(days=days - 1)
    return {
        "_comment": comment,
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "pretalx", "version": "2025.1.0"},
        "schedule": {
            "url": "https://example.com/bench/schedule/", "version": "1.0", "base_url": "https://example.com/",
            "conference": {
                "acronym": "bench", "title": "Program benchmark (made up)", "start": first_day.isoformat(),
                "end": last.isoformat(), "daysCount": days, "timeslot_duration": "00:05",
                "time_zone_name": a.zone, "colors": {"primary": "#3aa57c"},
                "rooms": [{"name": "Room %d" % (r + 1), "guid": None, "description": None, "capacity": None}
                          for r in range(ROOMS)],
                "tracks": [{"name": t, "slug": t.lower().replace(" ", "-"), "color": "#000000"} for t in TRACKS],
                "days": out_days,
            },
        },
    }


if __name__ == "__main__":
    main()
