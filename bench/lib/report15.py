#!/usr/bin/env python3
"""Issue 15's figures from one bench/run.sh results folder: the CLI loop run as a normal user (peers.json,
bench/lib/interleave.py) and the idle agents per start path and tray host (footprint/*.txt, bench/memory.sh).
Prints a Markdown table with each figure beside its goal.

usage: report15.py RESULTS_DIR
"""
import glob
import json
import os
import re
import statistics
import sys

out = sys.argv[1]
rows = []


def med(xs):
    return statistics.median(xs) if xs else None


def spread(xs, fmt):
    return "%s (%s … %s, n=%d)" % (fmt % med(xs), fmt % min(xs), fmt % max(xs), len(xs))


def verdict(value, goal):
    if value is None:
        return "?"
    return "met" if value <= goal else "**not met**"


try:
    peers = json.load(open(os.path.join(out, "peers.json")))   # name -> [[wall, cpu, rss_mib], ...]
except FileNotFoundError:
    peers = {}


def runs(name, i):
    return [r[i] for r in peers.get(name, [])]


for who in ("package launcher", "installed jar", "java -jar", "boto3 (aws-mfa)", "AWS CLI by hand"):
    name = "renew: " + who
    if name not in peers:
        continue
    wall = runs(name, 0)
    goal = who in ("package launcher", "installed jar")
    rows.append(("renew one profile, %s: wall s (CPU s, peak RSS MiB)" % who,
                 "%s (CPU %.3f, %.1f MiB)" % (spread(wall, "%.3f"), med(runs(name, 1)), med(runs(name, 2))),
                 "≤ 0.4 s" if goal else "reference", verdict(med(wall), 0.4) if goal else ""))

for who in ("package launcher", "installed jar", "boto3 (aws-mfa)", "floor probe"):
    small, large = "renew: " + who, "renew 1000: " + who
    if small not in peers or large not in peers:
        continue
    d = {i: [(b[i] - a[i]) * 1000 for a, b in zip(peers[small], peers[large])] for i in (0, 1)}
    goal = who in ("package launcher", "installed jar")
    what = ("floor: the least file work a renewal must do, cold (bench/probe/FloorProbe.java)" if who == "floor probe"
            else who)
    rows.append(("renew in a 1,000- instead of a 20-profile pair, %s: per-round difference, ms wall (CPU)" % what,
                 "%s (CPU %+.0f)" % (spread(d[0], "%+.0f"), med(d[1])),
                 "≤ +30 ms" if goal else "floor" if who == "floor probe" else "reference",
                 verdict(med(d[0]), 30) if goal else ""))

aws = peers.get("status: aws list-profiles", [])
for who in ("package launcher", "installed jar", "java -jar"):
    name = "status: " + who
    if name not in peers or not aws:
        continue
    q = [a[0] / b[0] for a, b in zip(peers[name], aws)]
    rows.append(("`status` ÷ `aws configure list-profiles`, %s: per-round ratio of wall (%.3f s ÷ %.3f s)"
                 % (who, med(runs(name, 0)), med([a[0] for a in aws])),
                 spread(q, "%.3f"), "≤ 0.2", verdict(med(q), 0.2)))
if "floor: java -version" in peers and aws:
    q = [a[0] / b[0] for a, b in zip(peers["floor: java -version"], aws)]
    rows.append(("floor: a JVM with no code (`java -version`) ÷ `aws configure list-profiles`", spread(q, "%.3f"),
                 "", ""))

for path in sorted(glob.glob(os.path.join(out, "footprint", "*.txt"))):
    label = os.path.basename(path)[:-4]
    if not re.fullmatch(r"[\w.-]+", label) or label.endswith("nmt-summary"):
        continue
    text = open(path).read()
    rss = re.search(r"ALL OUR PROCESSES: VmRSS \d+ KiB = ([\d.]+) MiB", text)
    icon = re.search(r"icon shown: (\S+) after ([\d.]+) s", text)
    cpu = re.search(r"IDLE CPU: ([\d.]+) s/h over (\d+) s", text)
    load = re.search(r"loadavg ([\d. ]+)", text)
    prompt = label.endswith("-prompt")
    if rss:
        v = float(rss.group(1))
        goal = 72 if prompt else 64
        rows.append(("idle agent, %s%s: VmRSS of all our processes, MiB (load %s)"
                     % (label, ", after one prompt shown and closed" if prompt else "",
                        load.group(1).strip() if load else "?"), "%.1f" % v, "≤ %d MiB" % goal, verdict(v, goal)))
    if cpu and not prompt:
        v = float(cpu.group(1))
        rows.append(("idle agent, %s: CPU over the last %s s, s per hour" % (label, cpu.group(2)), "%.2f" % v,
                     "≤ 0.5 s/h", verdict(v, 0.5)))
    if icon and not prompt:
        shown = icon.group(1) != "NO"
        v = float(icon.group(2))
        rows.append(("idle agent, %s: start → icon, s" % label, "%.2f" % v if shown else "no icon", "≤ 1.5 s",
                     verdict(v, 1.5) if shown else "**not met**"))

print()
print("### Issue 15: every start path, as a normal user (CLI loop interleaved, %d rounds)"
      % len(next(iter(peers.values()), [])))
print()
print("| figure | measured | goal | |")
print("|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
