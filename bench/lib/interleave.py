#!/usr/bin/env python3
"""Runs several commands in interleaved rounds (A B C, A B C, ...) and prints, per command, the median wall
time, the median CPU time (user + system of the command and its children: less sensitive to other load than
wall time) and the median peak RSS, with min and max. Each command is a shell string.

usage: interleave.py ROUNDS NAME=COMMAND [NAME=COMMAND ...]   (one warm-up run each, not counted)
With INTERLEAVE_JSON=FILE, every run's (wall, cpu, rss) per command is also written there, for paired deltas.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

rounds = int(sys.argv[1])
cmds = [a.split("=", 1) for a in sys.argv[2:]]
res = {n: [] for n, _ in cmds}


def once(cmd):
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.execvp("sh", ["sh", "-c", cmd])
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"interleave: failed ({os.waitstatus_to_exitcode(status)}): {cmd}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


for n, c in cmds:
    once(c)
for _ in range(rounds):
    for n, c in cmds:
        res[n].append(once(c))


if os.environ.get("INTERLEAVE_JSON"):
    with open(os.environ["INTERLEAVE_JSON"], "w") as f:
        json.dump(res, f)


def fmt(xs, unit, nd):
    return f"{statistics.median(xs):.{nd}f}{unit} ({min(xs):.{nd}f} … {max(xs):.{nd}f})"


load = open("/proc/loadavg").read().split()[:3]
print(f"{'command':<24} {'wall':<26} {'cpu (user+sys)':<26} {'peak RSS':<26}  n={rounds}, loadavg {' '.join(load)}")
for n, _ in cmds:
    w, c, r = zip(*res[n])
    print(f"{n:<24} {fmt(w, ' s', 3):<26} {fmt(c, ' s', 3):<26} {fmt(r, ' MiB', 1):<26}")
