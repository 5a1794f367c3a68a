#!/usr/bin/env python3
"""Turns one bench/run.sh results folder into the table of issue 7 (Markdown on stdout) and results.json.

usage: report.py RESULTS_DIR
"""
import glob
import json
import os
import re
import statistics
import sys
from collections import defaultdict

out = sys.argv[1]


def table(header, rows):
    """A Markdown table; an empty header cell stays empty."""
    print(("| " + " | ".join(header) + " |").replace("|  |", "| |"))
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")

data = defaultdict(list)
with open(os.path.join(out, "data.tsv")) as f:
    for line in f:
        k, _, v = line.rstrip("\n").partition("\t")
        data[k].append(v)


def one(key, default=""):
    return data[key][0] if data.get(key) else default


def nums(prefix, suffix):
    """Numeric values of every key PREFIX<n>.SUFFIX (agent1.rss_kib, agent2.rss_kib, ...)."""
    vals = []
    for k, vs in data.items():
        if re.fullmatch(re.escape(prefix) + r"\d*\." + re.escape(suffix), k):
            for v in vs:
                try:
                    vals.append(float(v))
                except ValueError:
                    pass
    return vals


def fails(prefix, suffix):
    n = 0
    for k, vs in data.items():
        if re.fullmatch(re.escape(prefix) + r"\d*\." + re.escape(suffix), k):
            n += sum(1 for v in vs if v.startswith("fail"))
    return n


def stat(vals, fmt="{:.2f}"):
    if not vals:
        return "n/a"
    med = statistics.median(vals)
    if len(vals) == 1:
        return fmt.format(med) + " (1 run)"
    return "%s (%s … %s, n=%d)" % (fmt.format(med), fmt.format(min(vals)), fmt.format(max(vals)), len(vals))


def verdict(value, goal):
    if value is None:
        return "?"
    return "met" if value <= goal else "**not met**"


results = {"machine": {k[8:]: one(k) for k in data if k.startswith("machine.")},
           "run": {k[4:]: one(k) for k in data if k.startswith("run.")}, "figures": {}}
rows = []
extra = []
clk = float(one("clk_tck", "100") or 100)
idle_s = float(one("idle.seconds", one("run.idle_s", "600")) or 600)

# 1-3: resident agents over the idle window
rss = [v / 1024 for v in nums("agent", "rss_kib")]
cpu_h = [v / clk / idle_s * 3600 for v in nums("agent", "idle_cpu_ticks")]
threads = nums("agent", "threads")
rows.append(("resident agent, 20 profiles, idle %d s: RSS (MiB) at the end" % idle_s, stat(rss, "{:.1f}"),
             "≤ 80 MiB", verdict(statistics.median(rss) if rss else None, 80)))
rows.append(("same: CPU time while idle (s per hour)", stat(cpu_h), "≤ 1 s/h",
             verdict(statistics.median(cpu_h) if cpu_h else None, 1.0)))
rows.append(("same: live threads", stat(threads, "{:.0f}"), "report; none idle-useless", "see the list below"))
results["figures"].update(rss_mib=rss, idle_cpu_s_per_h=cpu_h, threads=threads)

# max RSS seen while idling, from the 10 s samples
samples = defaultdict(list)
try:
    with open(os.path.join(out, "rss-samples.tsv")) as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) == 3 and parts[2].strip().isdigit():
                samples[parts[1]].append(int(parts[2]) / 1024)
except FileNotFoundError:
    pass
peaks = [max(v) for k, v in samples.items() if k.startswith("agent")]
if peaks:
    extra.append(("resident agent: highest RSS sampled every 10 s in the window (MiB)", stat(peaks, "{:.1f}")))
menu = [v / 1024 for v in nums("agent", "rss_after_menu_kib")]
if menu:
    extra.append(("resident agent: RSS 3 s after the first menu opening (MiB)", stat(menu, "{:.1f}")))

# 4: launch -> icon
icon = nums("agent", "icon_s")
icon_cpu = nums("agent", "icon_cpu_s")
failed = fails("agent", "icon_s")
rows.append(("launch → tray icon visible (s), %s cores%s" % (one("machine.nproc"),
             ", %d failed start(s)" % failed if failed else ""), stat(icon), "≤ 2.0 s",
             verdict(statistics.median(icon) if icon else None, 2.0)))
extra.append(("launch → icon: CPU time used by then (s, user+sys)", stat(icon_cpu)))
results["figures"].update(icon_s=icon, icon_cpu_s=icon_cpu, failed_starts=failed)


# 5-6: CLI against the AWS CLI (hyperfine, interleaved rounds)
def hyper(name):
    a, b, ca, cb, rounds = [], [], [], [], []
    for path in sorted(glob.glob(os.path.join(out, "hyperfine-%s-*.json" % name))):
        res = json.load(open(path))["results"]
        if len(res) != 2:
            continue
        a += res[0]["times"]
        b += res[1]["times"]
        # hyperfine 1.15 exports CPU time as a mean per command: one value per round
        ca.append(res[0]["user"] + res[0]["system"])
        cb.append(res[1]["user"] + res[1]["system"])
        rounds.append(statistics.median(res[0]["times"]) / statistics.median(res[1]["times"]))
    return a, b, ca, cb, rounds


for name, label, goal, other in (
        ("status", "`aws-mfa-agent status` ÷ `aws configure list-profiles` (wall)", 0.3, "aws configure list-profiles"),
        ("renew", "`aws-mfa-agent renew` ÷ manual path (get-session-token + 3 × configure set), loopback STS",
         0.25, "manual path")):
    a, b, ca, cb, rounds = hyper(name)
    if a and b:
        ratio = statistics.median(a) / statistics.median(b)
        rows.append((label, "%.3f (per round %.3f … %.3f)" % (ratio, min(rounds), max(rounds)),
                     "≤ %.2g" % goal, verdict(ratio, goal)))
        extra.append(("aws-mfa-agent %s: wall (s)" % name, stat(a, "{:.3f}")))
        extra.append(("%s: wall (s)" % other, stat(b, "{:.3f}")))
        if ca and cb:
            extra.append(("aws-mfa-agent %s ÷ %s: CPU time (user+sys), medians of the rounds' means" % (name, other),
                          "%.3f (%.3f s ÷ %.3f s)" % (statistics.median(ca) / statistics.median(cb),
                                                      statistics.median(ca), statistics.median(cb))))
        results["figures"][name] = dict(ratio=ratio, agent_s=a, other_s=b, agent_cpu_s=ca, other_cpu_s=cb)
    else:
        rows.append((label, "n/a (%s)" % one(name + ".error", "not run"), "≤ %.2g" % goal, "?"))

# 7-8: JMH
jmh = {}
try:
    for r in json.load(open(os.path.join(out, "jmh.json"))):
        p = r["primaryMetric"]["scorePercentiles"]
        jmh[r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]] = (
            p["50.0"], p["0.0"], p["100.0"], p["90.0"])
except (FileNotFoundError, ValueError):
    pass


def jrow(key):
    if key not in jmh:
        return "n/a", None
    p50, lo, hi, p90 = jmh[key]
    return "%.2f (%.2f … %.2f; p90 %.2f)" % (p50, lo, hi, p90), p50


v, m = jrow("RenewWriteBench.write")
rows.append(("renew one profile in a 1,000-profile credentials file (JMH, ms: median of samples)", v, "≤ 20 ms",
             verdict(m, 20)))
v, m = jrow("PlanBench.plan")
rows.append(("plan for 1,000 profiles from the files (JMH, ms)", v, "≤ 50 ms", verdict(m, 50)))
for key, label in (("RenewWriteBench.edit", "JMH: the line edit alone (CredentialsEditor.apply), ms"),
                   ("PlanBench.load", "JMH: ProfileCatalog.load alone, ms")):
    if key in jmh:
        extra.append((label, jrow(key)[0]))
results["figures"]["jmh"] = jmh

# 9: jar and dependencies
jar_mib = float(one("jar.bytes", "0") or 0) / 1048576
forbidden = one("deps.forbidden").strip()
bad_classes = one("jar.forbidden_classes", "?")
deps_ok = not forbidden and bad_classes == "0" and not one("deps.error")
rows.append(("runnable jar size (MiB); dependencies", "%.2f MiB; %s runtime jars; Netty/Apache HTTP: %s" % (
    jar_mib, one("deps.count", "?"), "none" if deps_ok else (forbidden or one("deps.error") or bad_classes + " classes")),
    "≤ 16 MiB; no Netty, no Apache HTTP client", "met" if jar_mib <= 16 and deps_ok else "**not met**"))
if one("image.bytes"):
    extra.append(("app image size (MiB); CDS archive in its runtime",
                  "%.1f; %s" % (float(one("image.bytes")) / 1048576, one("image.cds") or "none")))
results["figures"].update(jar_mib=jar_mib, deps_forbidden=forbidden, jar_forbidden_classes=bad_classes)

# idle CPU by thread, from schedstat (ms over the window -> s per hour), median over the resident agents
by_thread = defaultdict(list)
agents_seen = 0
for path in sorted(glob.glob(os.path.join(out, "agent*-idle-cpu-by-thread.tsv"))):
    agents_seen += 1
    per = defaultdict(float)
    for line in open(path):
        name, _, ms = line.rstrip("\n").partition("\t")
        per[re.sub(r"\d+$", "N", name)] += float(ms)
    for name, ms in per.items():
        by_thread[name].append(ms / 1000 / idle_s * 3600)
thread_cpu = sorted(((statistics.median(v + [0.0] * (agents_seen - len(v))), k) for k, v in by_thread.items()),
                    reverse=True)
results["idle_cpu_by_thread_s_per_h"] = {k: v for v, k in thread_cpu}
if thread_cpu:
    extra.append(("idle CPU by thread (s/h, median of agents; /proc/PID/task/*/schedstat)",
                  ", ".join("%s %.2f" % (k, v) for v, k in thread_cpu if v >= 0.01) or "all < 0.01"))

# floors
floors = []
for name, label in (("bareGtk", "bare dorkbox tray, Gtk type (1 icon, 3 items)"),
                    ("bareSwing", "bare dorkbox tray, Swing type (1 icon, 3 items)"),
                    ("hello", "bare JVM (sleeping hello world)")):
    r = nums(name, "rss_kib")
    if not r:
        continue
    c = nums(name, "idle_cpu_ticks")
    i = nums(name, "icon_s")
    mm = nums(name, "rss_after_menu_kib")
    floors.append((label, "%.1f" % (r[0] / 1024), "%.2f" % (c[0] / clk / idle_s * 3600) if c else "",
                   "%.0f" % nums(name, "threads")[0] if nums(name, "threads") else "",
                   "%.2f" % i[0] if i else "", "%.1f" % (mm[0] / 1024) if mm else ""))
results["floors"] = floors

# threads of one resident agent, from jstack
KNOWN = [
    ("main", "JVM main thread; waits for Quit (RunCommand)", "needed (could end: the JVM stays up on the others)"),
    ("Attach Listener", "the JVM's attach listener, started by jstack itself", "measurement"),
    ("VM Periodic Task Thread", "the JVM's periodic tasks; with UsePerfData on (the default) it samples counters "
     "every 50 ms", "JVM; idle cost without -XX:-UsePerfData"),
    ("Monitor Deflation Thread", "the JVM's monitor deflation: wakes every 250 ms (AsyncDeflationInterval)", "JVM"),
    ("Reference Handler|Finalizer|Signal Dispatcher|Service Thread|C[12] CompilerThread\\d+|"
     "Sweeper thread|Notification Thread|Common-Cleaner|VM Thread|GC Thread.*|G1 .*", "the JVM's own", "JVM"),
    ("Maintenance Updates", "dorkbox update check: sleeps 5 min, sees ENABLE=false, ends",
     "useless, but gone after 5 min"),
    ("GTK Native Event Loop", "dorkbox: the GTK main loop that draws the icon and menu", "needed"),
    ("SystemTrayEventDispatch-\\d+", "dorkbox: runs menu callbacks", "needed"),
    ("JNA Cleaner", "JNA (dorkbox's GTK binding): frees native memory", "needed by JNA"),
    ("AWT-XAWT", "AWT's X11 event loop: dorkbox starts AWT for every tray type (and the Swing prompt uses it); "
     "wakes 4 times a second unless _AWT_MAX_POLL_TIMEOUT is raised", "needed (dorkbox)"),
    ("AWT-EventQueue-\\d+|AWT-Shutdown|Java2D Disposer", "AWT/Swing", "as AWT-XAWT"),
    ("aws-mfa-agent_QuartzSchedulerThread", "Quartz: waits for the next trigger", "needed (the plan)"),
    ("aws-mfa-agent_Worker-\\d+", "Quartz's one worker: runs a due trigger's job (hands it to the agent)",
     "needed by Quartz"),
    ("tray-ui-\\d+", "agent: applies tray models in order", "needed"),
    ("file-watcher", "agent: waits for changes of the AWS files (replans)", "needed"),
    ("heartbeat", "agent: wake detection every 30 s (wall clock vs monotonic clock)", "needed"),
    ("Native Heap Trimmer", "JVM: gives freed malloc memory back once a minute (-XX:TrimNativeHeapInterval)",
     "RSS"),
    ("FileSystemWatchService", "JDK: the inotify reader behind the agent's WatchService", "needed"),
    ("tray-action-\\d+", "agent: runs menu actions", "on demand"),
    ("renewals", "agent: prompts and STS calls, one at a time", "on demand"),
    ("first-run", "agent: the one-time start-at-login question", "first run only"),
    ("process reaper", "JDK: waits for a child process (id -u, helpers); ends after 60 s idle", "transient"),
    ("shutdown", "agent shutdown hook", "on exit"),
]
thread_rows = []
js = sorted(glob.glob(os.path.join(out, "agent*-jstack.txt")))
if js:
    for line in open(js[0]):
        m = re.match(r'^"([^"]+)"', line)
        if not m:
            continue
        name = m.group(1)
        cpu = re.search(r"cpu=([\d.]+)ms", line)
        what, verdict_ = "?", "?"
        for pat, w, v in KNOWN:
            if re.fullmatch(pat, name):
                what, verdict_ = w, v
                break
        thread_rows.append((name, cpu.group(1) if cpu else "", what, verdict_))
results["threads"] = thread_rows

with open(os.path.join(out, "results.json"), "w") as f:
    json.dump(results, f, indent=1)

# ---- print -------------------------------------------------------------------------------------------------
mach = results["machine"]
run = results["run"]
print("## aws-mfa-agent benchmark, %s" % run.get("date", ""))
print()
print("Machine: %s, %s cores, %s MiB RAM, %s, %s; %s." % (mach.get("cpu"), mach.get("nproc"), mach.get("ram_mib"),
                                                         mach.get("kernel"), mach.get("os"), mach.get("java")))
print("Load average at start / end: %s / %s. AWS CLI: %s." % (run.get("loadavg_start"), run.get("loadavg_end"),
                                                              mach.get("awscli")))
press = {k[9:]: int(v[0]) / 1000 for k, v in data.items() if k.startswith("pressure.") and v and v[0].lstrip("-").isdigit()}
if press:
    print("CPU pressure per phase (PSI 'some': share of wall time in which a runnable task, of any program, the benchmark's own included, waited for a CPU): %s." % ", ".join(
        "%s %.0f%%" % (k, v) for k, v in press.items()))
results["cpu_pressure_pct"] = press
print("Command: `%s`; agent run as `%s`%s; tray type %s; idle window %s s." % (
    run.get("command"), run.get("agent_cmd", "").replace(os.path.expanduser("~"), "~"),
    " with %s" % run["extra_env"] if run.get("extra_env") else "", run.get("tray_type"), one("idle.seconds")))
print("JVM options: `%s`" % run.get("jvm_opts", "").strip())
print()
print("Values: median (min … max, n = runs or processes).")
print()
table(("figure", "measured", "goal", ""), rows)
print()
table(("more", "measured"), extra)
if floors:
    print()
    print("Floors, measured in the same run and window (`java` with the same JVM options, same X setup):")
    print()
    table(("floor", "RSS at the end (MiB)", "idle CPU (s/h)", "threads", "launch → icon (s)", "RSS after menu (MiB)"),
          floors)
if thread_rows:
    print()
    print("Threads of %s at the end of the window (jstack):" % os.path.basename(js[0]).split("-")[0])
    print()
    table(("thread", "CPU ms since start", "what it is", "verdict"), thread_rows)

with open(os.path.join(out, "results.json"), "w") as f:
    json.dump(results, f, indent=1)
