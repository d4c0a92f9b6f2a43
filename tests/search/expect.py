#!/usr/bin/env python3
"""Recomputes the expected results of the query set for another site (python3, stdlib only).

    python3 tests/search/expect.py SITE_FOLDER [queries.json] > queries-SITE.json

The query set (queries.json) was written for the default site. A query that asks for a need
(`needs`, optionally with a `place` and a `scope`) gets as expected results the services of
SITE_FOLDER/content that answer one of those needs: everywhere, or in the place's
municipality (`scope: municipality`), or in the municipality and its region (`scope:
region`). A query without `needs` (a name, a place) is kept only when every id it expects
exists on that site. Prints to stderr how many were kept, recomputed and dropped.
"""
import json
import os
import re
import sys

site = sys.argv[1]
queries = json.load(open(sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "queries.json")))
content = os.path.join(site, "content")
services = {}  # id -> (folder kind, folder, needs)
ids = set()
region_of = {}
for top in ["national", "regions", "municipalities", "pages"]:
    base = os.path.join(content, top)
    if not os.path.isdir(base):
        continue
    for dirpath, _, files in os.walk(base):
        for f in files:
            path = os.path.join(dirpath, f)
            if f == "region.yaml":
                m = re.search(r"^municipalities:\s*\[(.*?)\]", open(path, encoding="utf-8").read(), re.M | re.S)
                for s in (m.group(1).split(",") if m else []):
                    region_of[s.strip().strip("\"'")] = os.path.basename(dirpath)
            if not f.endswith(".md") or f.count(".") > 1 or f.lower() == "readme.md":
                continue
            sid = f[:-3]
            ids.add(sid)
            if top == "pages":
                continue
            text = open(path, encoding="utf-8").read()
            m = re.search(r"^needs:\s*\[(.*?)\]", text, re.M)
            needs = [n.strip().strip("\"'") for n in m.group(1).split(",")] if m else []
            services[sid] = (top, os.path.basename(dirpath), needs)
    if top == "municipalities":
        ids.update(os.listdir(base))

out, recomputed, kept, dropped = [], 0, 0, 0
for q in queries:
    q = dict(q)
    if "needs" in q:
        want = set(q["needs"])
        place = q.get("place")
        def ok(sid):
            top, folder, needs = services[sid]
            if not want & set(needs):
                return False
            if not place:
                return True
            if top == "municipalities" and folder == place:
                return True
            return q.get("scope") == "region" and top == "regions" and folder == region_of.get(place)
        if place and place not in region_of:
            dropped += 1
            continue
        q["expect"] = sorted(s for s in services if ok(s))
        recomputed += 1
    elif all(e in ids for e in q["expect"]):
        kept += 1
    else:
        dropped += 1
        continue
    out.append(q)
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
print(f"{recomputed} recomputed, {kept} kept, {dropped} dropped", file=sys.stderr)
