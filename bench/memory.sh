#!/usr/bin/env bash
# Where the idle tray agent's memory goes: the agent started as a normal user (benchuser) the way a user starts
# it, with 20 managed profiles, on a private Xvfb with a tray host, then measured after a settle time:
# VmRSS of every process of ours, /proc/PID/smaps grouped by mapping (bench/lib/smaps_groups.py) and, with
# --nmt, Native Memory Tracking (jcmd VM.native_memory summary and detail, the detail used to attribute the
# anonymous mappings).
#
#   bench/memory.sh [--tray sni|xembed] [--settle SECONDS] [--nmt] [--opts "JVM OPTIONS"] [--env "K=V ..."]
#                   [--cmd "COMMAND"] [--jar JAR] [--prompt] [--warm] [--label NAME] [--out DIR]
#
#   --tray sni      xfce4-panel (systray plugin: StatusNotifierItem), tray type AppIndicator (default)
#   --tray xembed   trayer (XEmbed), tray type Gtk
#   --opts          extra JVM options on the `java -jar` command line (the relaunch passes them on, after ours)
#   --cmd           start this instead of `java OPTS -jar JAR` (e.g. an app image's bin/aws-mfa-agent);
#                   --cmd installed: `java -jar JAR install` first, then the aws-mfa-agent command it made
#   --warm          start and stop the agent once before the measured start (a plain jar's first agent makes
#                   the jar's class archive, which later starts map)
#   --prompt        sessions end within the lead time: the code prompt opens at start; it is closed (Escape)
#                   and the agent measured SETTLE seconds later
#
# Needs root (it creates the user benchuser once), Xvfb, dbus-run-session, xfce4-panel + xfwm4 or trayer,
# a JDK with jcmd. Prints the report and writes it to OUT/NAME.txt (default bench/results/memory-<date>/).
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")

if [ "${1:-}" = --session ]; then
    shift
    # ---------------- as benchuser, inside its own session bus ----------------
    W=$1 TRAY=$2 SETTLE=$3 NMT=$4 LABEL=$5 JAR=$6 OPTS=$7 ENVS=$8 CMD=$9 PROMPT=${10} WARM=${11}
    cd "$W"
    trap 'echo "memory.sh: session failed at line $LINENO" >&2' ERR
    export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_RUNTIME_DIR=$W/run NO_AT_BRIDGE=1
    mkdir -p "$HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
    python3 "$W/lib/fixtures.py" "$HOME" 20 6
    if [ "$PROMPT" = 1 ]; then
        # --prompt: dev01's session ends in 6 minutes, inside the 10-minute lead: one code prompt at once
        soon=$(date -u -d '+6 min' +%Y-%m-%dT%H:%M:%SZ)
        sed -i "0,/^aws_session_expiration = .*/s//aws_session_expiration = $soon/" "$HOME/.aws/credentials"
    fi
    if [ "$CMD" = installed ]; then
        # the launcher `install` writes (its JVM options and run.jsa), on the copy of the jar it makes
        XDG_DATA_HOME=$HOME/.local/share java -jar "$JAR" install >"$W/install.log" 2>&1
        CMD=$HOME/.local/bin/aws-mfa-agent JAR=$HOME/.local/share/aws-mfa-agent/aws-mfa-agent.jar
    fi
    PIDS=()
    stop() { set +e; for p in $(printf '%s\n' "${PIDS[@]}" | tac); do kill "$p" 2>/dev/null; done; sleep 1
             for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; }
    trap stop EXIT
    Xvfb -displayfd 3 -noreset -screen 0 1280x800x24 -nolisten tcp 3>"$W/display" 2>"$W/xvfb.log" &
    PIDS+=($!)
    for _ in $(seq 1 300); do [ -s "$W/display" ] && break; sleep 0.05; done
    export DISPLAY=":$(tr -d '[:space:]' <"$W/display")"
    for _ in $(seq 1 300); do timeout 3 xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    dbus-update-activation-environment HOME DISPLAY XDG_CONFIG_HOME XDG_RUNTIME_DIR 2>/dev/null || true
    if [ "$TRAY" = sni ]; then
        TYPE=AppIndicator
        x=$XDG_CONFIG_HOME/xfce4/xfconf/xfce-perchannel-xml; mkdir -p "$x"
        cat >"$x/xfce4-panel.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=6;x=0;y=0"/>
      <property name="size" type="uint" value="32"/>
      <property name="plugin-ids" type="array"><value type="int" value="1"/></property>
    </property>
  </property>
  <property name="plugins" type="empty"><property name="plugin-1" type="string" value="systray"/></property>
</channel>
XML
        xfwm4 --compositor=off >"$W/xfwm4.log" 2>&1 & PIDS+=($!)
        xfce4-panel --disable-wm-check >"$W/panel.log" 2>&1 & PIDS+=($!)
        sni() { timeout 5 gdbus call --session --dest org.kde.StatusNotifierWatcher --object-path /StatusNotifierWatcher \
                  --method org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierWatcher "$1" 2>/dev/null || true; }
        for _ in $(seq 1 300); do sni IsStatusNotifierHostRegistered | grep -q true && break; sleep 0.1; done
    else
        TYPE=Gtk
        trayer --edge top --align right --widthtype request --height 32 --SetDockType true --transparent false \
            --tint 0x333333 >"$W/trayer.log" 2>&1 & PIDS+=($!)
        sleep 1
    fi
    # java processes of this user (our parent and child JVMs) whose command line holds the jar
    ours() { local p; for p in /proc/[0-9]*; do [ -O "$p" ] && [ "$(cat "$p/comm" 2>/dev/null)" = java ] || continue
             tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qF -- "$JAR" && basename "$p"; done; true; }
    green() { timeout 5 import -window root -crop 1280x40+0+0 -depth 8 txt:- 2>/dev/null | grep -ci '#1E9E4A' || true; }
    if [ "$WARM" = 1 ]; then
        # --warm: a start before the measured one, as most starts are: the plain jar's first agent makes the
        # jar's class archive (ClassArchive) some seconds after start; the measured start then maps it.
        # shellcheck disable=SC2086
        env AWS_MFA_AGENT_TRAY_TYPE=$TYPE $ENVS ${CMD:-java $OPTS -jar $JAR} >"$W/warm.out" 2>&1 &
        for _ in $(seq 1 900); do ls "$HOME"/.cache/aws-mfa-agent/cds/run-*.jsa >/dev/null 2>&1 && break; sleep 0.1; done
        sleep 1
        for p in $(ours); do kill "$p"; done
        for _ in $(seq 1 100); do [ -z "$(ours)" ] && break; sleep 0.1; done
        # the panel has dropped the first agent's icon before the measured start
        for _ in $(seq 1 100); do
            [ "$TRAY" = sni ] && sni RegisteredStatusNotifierItems | grep -q '/' && { sleep 0.1; continue; }
            [ "$(green)" -lt 20 ] && break
            sleep 0.1
        done
    fi
    # shellcheck disable=SC2086
    if [ -n "$CMD" ]; then
        env AWS_MFA_AGENT_TRAY_TYPE=$TYPE $ENVS $CMD >"$W/agent.out" 2>&1 &
    else
        env AWS_MFA_AGENT_TRAY_TYPE=$TYPE $ENVS java $OPTS -jar "$JAR" >"$W/agent.out" 2>&1 &
    fi
    STARTED=$!
    T0=$(date +%s.%N)
    # the icon: SNI registered, or for XEmbed the icon's green among the panel's pixels
    shown=""
    for _ in $(seq 1 150); do
        # with --prompt the icon is amber, not green: the prompt's window is the sign instead
        if [ "$PROMPT" = 1 ]; then timeout 5 xdotool search --onlyvisible --name '^aws-mfa-agent: MFA code' >/dev/null 2>&1 && shown=1
        # xfce4-panel's systray registers an SNI host most of the times it starts; when it does not, libayatana
        # shows the icon through XEmbed inside the same panel, which counts as shown too (and is said so)
        elif [ "$TRAY" = sni ]; then
            if sni RegisteredStatusNotifierItems | grep -q '/'; then shown=sni
            elif [ "$(green)" -gt 20 ]; then shown=xembed-in-panel; fi
        else [ "$(green)" -gt 20 ] && shown=1; fi
        [ -n "$shown" ] && break
        [ -z "$(ours)" ] && ! kill -0 "$STARTED" 2>/dev/null && break   # the agent is gone (see agent.out)
        sleep 0.1
    done
    T1=$(date +%s.%N)
    [ -n "$shown" ] || timeout 5 import -window root "$W/no-icon.png" 2>/dev/null || true
    [ "$TRAY" = sni ] && { sni IsStatusNotifierHostRegistered; sni RegisteredStatusNotifierItems; } >"$W/sni.txt"
    for p in $(ours); do PIDS+=("$p"); done
    prompt_note=""
    if [ "$PROMPT" = 1 ]; then
        win=""
        for _ in $(seq 1 600); do
            win=$(timeout 5 xdotool search --onlyvisible --name '^aws-mfa-agent: MFA code' 2>/dev/null | head -1 || true)
            [ -n "$win" ] && break; sleep 0.1
        done
        if [ -n "$win" ]; then
            sleep 2
            timeout 5 xdotool mousemove --window "$win" 20 20 || true
            timeout 5 xdotool key Escape || true
            sleep 1
            left=$(timeout 5 xdotool search --onlyvisible --name '^aws-mfa-agent: MFA code' 2>/dev/null | head -1 || true)
            prompt_note="prompt shown, then closed with Escape"; [ -z "$left" ] || prompt_note="$prompt_note (STILL OPEN)"
        else
            prompt_note="prompt: NOT SHOWN"
        fi
    fi
    # Idle CPU: every thread's run time (schedstat, ns) from 10 s after the icon (start-up work done) to the end.
    cpu_ns() { local p t s=0 v; for p in $(ours); do for t in /proc/"$p"/task/*/schedstat; do
               v=$(cut -d' ' -f1 "$t" 2>/dev/null) || v=0; s=$((s + ${v:-0})); done; done; echo "$s"; }
    # (a plain jar's first agent makes its class archive 10 s after start: a few seconds of CPU, left out)
    quiet=10; [ "$SETTLE" -gt 40 ] && quiet=25; [ "$SETTLE" -gt 20 ] || quiet=0
    sleep "$quiet"
    C0=$(cpu_ns); W0=$(date +%s.%N)
    sleep $((SETTLE - quiet))
    C1=$(cpu_ns); W1=$(date +%s.%N)
    {
        echo "## $LABEL"
        echo "tray $TRAY (type $TYPE); icon shown: ${shown:-NO} after $(python3 -c "print(round($T1-$T0,2))") s; settle $SETTLE s;" \
             "loadavg $(cut -d' ' -f1-3 /proc/loadavg)" ${prompt_note:+; $prompt_note}
        echo "command: ${CMD:-java $OPTS -jar $JAR}; env: ${ENVS:-none}"
        total=0
        for p in $(ours); do
            r=$(awk '/^VmRSS:/{print $2}' /proc/$p/status)
            total=$((total + r))
            echo "pid $p: VmRSS $r KiB, threads $(ls /proc/$p/task | wc -l): $(tr '\0' ' ' </proc/$p/cmdline | cut -c1-1200)"
        done
        echo "jar class archives in the cache: $(ls "$HOME"/.cache/aws-mfa-agent/cds/ 2>/dev/null | tr '\n' ' ')"
        echo "ALL OUR PROCESSES: VmRSS $total KiB = $(python3 -c "print(round($total/1024,1))") MiB"
        echo "IDLE CPU: $(python3 -c "w=$W1-$W0; print('%.2f s/h over %.0f s' % (($C1-$C0)/1e9/w*3600, w))")"
        main=$(for p in $(ours); do grep -q 'aws-mfa-agent.tuned=true' /proc/$p/cmdline && echo $p; done | head -1)
        main=${main:-$(ours | head -1)}
        echo
        if [ "$NMT" = 1 ]; then
            jcmd "$main" VM.native_memory summary >"$W/nmt-summary.txt" 2>&1 || true
            jcmd "$main" VM.native_memory detail >"$W/nmt-detail.txt" 2>&1 || true
            echo '### NMT summary (committed)'
            grep -E '^(Total|-  )|committed=' "$W/nmt-summary.txt" | grep -E '^Total|^-' | sed 's/^/    /'
            echo
        fi
        echo '### smaps by mapping (KiB)'
        python3 "$W/lib/smaps_groups.py" "$main" $([ "$NMT" = 1 ] && echo "$W/nmt-detail.txt") | sed 's/^/    /'
        echo
        echo '### threads'
        cat /proc/"$main"/task/*/comm | sort | uniq -c | sort -rn | tr -s ' ' | paste -sd, -
    } >"$W/report.txt" 2>&1
    exit 0
fi

# ---------------- as root: the user, a work folder benchuser can read, the session ----------------
TRAY=sni SETTLE=60 NMT=0 OPTS="" ENVS="" CMD="" LABEL="" OUT="" PROMPT=0 WARM=0
JAR=$REPO/agent/target/aws-mfa-agent.jar
while [ $# -gt 0 ]; do
    case $1 in
        --tray) TRAY=$2; shift ;;
        --settle) SETTLE=$2; shift ;;
        --nmt) NMT=1 ;;
        --prompt) PROMPT=1 ;;
        --warm) WARM=1 ;;
        --opts) OPTS=$2; shift ;;
        --env) ENVS=$2; shift ;;
        --cmd) CMD=$2; shift ;;
        --jar) JAR=$2; shift ;;
        --label) LABEL=$2; shift ;;
        --out) OUT=$2; shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "memory.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ "$NMT" = 1 ] && OPTS="-XX:NativeMemoryTracking=detail $OPTS"
# the session runs in its own folder: make a relative command or jar absolute
case $CMD in ""|installed|/*) ;; *) [ -e "$CMD" ] && CMD=$(realpath "$CMD") ;; esac
JAR=$(realpath "$JAR")
LABEL=${LABEL:-$TRAY}
OUT=${OUT:-$BENCH/results/memory-$(date -u +%Y%m%d)}
mkdir -p "$OUT"
id benchuser >/dev/null 2>&1 || useradd -m benchuser
W=$(mktemp -d /tmp/aws-mfa-mem.XXXXXX)
mkdir -p "$W/lib"
cp "$BENCH/lib/fixtures.py" "$BENCH/lib/smaps_groups.py" "$0" "$W/lib/"
case $CMD in ""|installed) cp "$JAR" "$W/aws-mfa-agent.jar"; JAR=$W/aws-mfa-agent.jar ;; esac
chown -R benchuser: "$W"; chmod 755 "$W"
runuser -u benchuser -- dbus-run-session -- bash "$W/lib/memory.sh" --session "$W" "$TRAY" "$SETTLE" "$NMT" \
    "$LABEL" "$JAR" "$OPTS" "$ENVS" "$CMD" "$PROMPT" "$WARM" || true
cp "$W/report.txt" "$OUT/$LABEL.txt" 2>/dev/null || { echo "memory.sh: no report; logs in $W" >&2; exit 1; }
for f in nmt-summary.txt agent.out no-icon.png; do [ -f "$W/$f" ] && cp "$W/$f" "$OUT/$LABEL-$f"; done
cat "$OUT/$LABEL.txt"
[ -f "$W/sni.txt" ] && cat "$W/sni.txt"
rm -rf "$W"
