#!/usr/bin/env bash
# Regenerates the class lists of the Linux package's CDS archives (installer/src/package/linux/cds/): the
# classes that `status`, `renew` (against the bench's STS stub) and the tray agent (under Xvfb with trayer and
# with xfce4-panel, until its icon shows) load. Run after a change of dependencies or of what start-up loads, then commit the lists:
#
#   mvn -B -Pdist package -DskipTests && bench/classlists.sh agent/target/dist/aws-mfa-agent
#
# A stale list costs only start-up time: the archive dump skips classes it cannot find, and classes missing
# from the archive load from the jar as usual.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
OUT=$(dirname "$BENCH")/installer/src/package/linux/cds
IMAGE=$(cd "${1:?usage: classlists.sh APP_IMAGE}" && pwd)
AGENT=$IMAGE/bin/aws-mfa-agent
[ -x "$AGENT" ] || { echo "classlists: no app image at $IMAGE" >&2; exit 2; }
work=$(mktemp -d /tmp/aws-mfa-classlists.XXXXXX)
pids=()
# shellcheck source=lib/desktop.sh
. "$BENCH/lib/desktop.sh"
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    desktop_stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
# Lists made with archives in use would miss the archived classes.
rm -f "$IMAGE/lib/app/run.jsa" "$IMAGE/lib/app/cli.jsa"

python3 "$BENCH/lib/fixtures.py" "$work/home" 20 6
python3 "$BENCH/lib/sts_stub.py" "$work/sts.port" & pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/sts.port" ] && break; sleep 0.05; done
sts=http://127.0.0.1:$(cat "$work/sts.port")
HOME=$work/home JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/status.cl" "$AGENT" status >/dev/null 2>&1
HOME=$work/home AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL_STS=$sts \
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/renew.cl" "$AGENT" renew -p dev01 --code 123456 >/dev/null 2>&1
desktop_start "$work/desktop"
HOME=$work/home AWS_MFA_AGENT_TRAY_TYPE=Gtk JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/run.cl" \
    python3 "$BENCH/lib/icon_watch.py" 1E9E4A 20 30 "$work/run.pid" -- "$AGENT" >/dev/null
agent=$(cat "$work/run.pid"); pids+=("$agent")
sleep 5   # the first plan, the menu and the scheduler settle after the icon shows
kill "$agent"; for _ in $(seq 1 100); do kill -0 "$agent" 2>/dev/null || break; sleep 0.1; done

# The same tray agent on a StatusNotifierItem host (xfce4-panel, tray type AppIndicator: GNOME with the
# AppIndicator extension, KDE, XFCE), which loads classes the XEmbed run does not. bench/memory.sh starts it as
# benchuser in its own session; the list is written where benchuser may write.
chmod 711 "$work"; mkdir -m 777 "$work/sni"
bash "$BENCH/memory.sh" --tray sni --settle 5 --cmd "$AGENT" --jar "$IMAGE/lib/app/aws-mfa-agent.jar" \
    --env "JAVA_TOOL_OPTIONS=-XX:DumpLoadedClassList=$work/sni/run.cl" --label classlist-sni --out "$work/sni" \
    >"$work/sni.log" 2>&1 || { echo "classlists: the SNI training run failed" >&2; cat "$work/sni.log" >&2; exit 1; }

mkdir -p "$OUT"
cat "$work/run.cl" "$work/sni/run.cl" | grep -v '^#' | awk '!seen[$0]++' >"$OUT/run.classlist"
cat "$work/status.cl" "$work/renew.cl" | grep -v '^#' | awk '!seen[$0]++' >"$OUT/cli.classlist"
# status alone: a JVM relocates the whole archive it maps at every start, so status maps only its own classes
grep -v '^#' "$work/status.cl" >"$OUT/status.classlist"
echo "classlists: $(wc -l <"$OUT/run.classlist") classes for run, $(wc -l <"$OUT/cli.classlist") for the CLI," \
    "$(wc -l <"$OUT/status.classlist") for status in $OUT"
