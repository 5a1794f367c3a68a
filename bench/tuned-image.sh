#!/usr/bin/env bash
# The packaging changes measured in docs/BENCHMARKS.md, prototyped on a jpackage app image, in place.
# A reference for the dist profile and the .deb scripts, not part of the build.
#
#   bench/tuned-image.sh all IMAGE      runtime + wrapper + lists + dump (what was measured)
#   bench/tuned-image.sh runtime IMAGE  1. replace lib/runtime with a jlink'd runtime that keeps bin/java and has a
#                                          CDS archive of the JDK classes (--generate-cds-archive; jpackage's own
#                                          jlink step strips bin/java, so it cannot make one), and
#                                       2. put a shell wrapper at bin/aws-mfa-agent that starts that java directly
#                                          (the jpackage launcher stays as bin/aws-mfa-agent-launcher): the
#                                          jpackage launcher runs `rpm -qf` and `dpkg -S` on itself at every start
#                                          (src/jdk.jpackage/linux/native/applauncher/LinuxPackage.c), ~0.2 s here.
#   bench/tuned-image.sh lists IMAGE    3. training runs (status, renew against the bench's STS stub, the tray agent
#                                          under Xvfb + trayer) that write lib/app/run.classlist and cli.classlist.
#                                          Build time: path-independent, needs a display.
#   bench/tuned-image.sh dump IMAGE     4. AppCDS archives lib/app/run.jsa and cli.jsa from those lists; the wrapper
#                                          uses run.jsa for the tray agent, cli.jsa for every other command.
#                                          JDK 17 checks the jar's absolute path and mtime, so this step runs where
#                                          the image finally lives: the .deb's postinst (a few seconds, no display).
#                                          A missing or stale archive is ignored by the JVM (-Xshare:auto).
# JVM options come from lib/app/aws-mfa-agent.cfg (i.e. app.args), so they stay defined in one place.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
step=${1:?usage: tuned-image.sh all|runtime|lists|dump IMAGE}
IMAGE=$(cd "${2:?usage: tuned-image.sh all|runtime|lists|dump IMAGE}" && pwd)
APP=$IMAGE/lib/app
[ -f "$APP/aws-mfa-agent.cfg" ] || { echo "tuned-image: $IMAGE is not an aws-mfa-agent app image" >&2; exit 2; }

runtime() {
    local modules
    modules=$(sed -n 's/^--add-modules[[:space:]]\+//p' "$REPO/installer/src/package/app.args")
    rm -rf "$IMAGE/lib/runtime.new"
    jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
        --output "$IMAGE/lib/runtime.new" >/dev/null
    rm -rf "$IMAGE/lib/runtime"
    mv "$IMAGE/lib/runtime.new" "$IMAGE/lib/runtime"
    [ -f "$IMAGE/bin/aws-mfa-agent-launcher" ] || mv "$IMAGE/bin/aws-mfa-agent" "$IMAGE/bin/aws-mfa-agent-launcher"
    cat >"$IMAGE/bin/aws-mfa-agent" <<'EOF'
#!/bin/sh
# Starts the bundled runtime directly with the options of lib/app/aws-mfa-agent.cfg (see docs/BENCHMARKS.md).
bin=$(dirname "$(readlink -f "$0")")
app=$bin/../lib/app
opts=$(sed -n 's/^java-options=//p' "$app/aws-mfa-agent.cfg" | sed "s|\$APPDIR|$app|g")
case ${1:-run} in run) jsa=$app/run.jsa ;; *) jsa=$app/cli.jsa ;; esac
[ -f "$jsa" ] && opts="-XX:SharedArchiveFile=$jsa $opts"
# shellcheck disable=SC2086
exec "$bin/../lib/runtime/bin/java" $opts -Djpackage.app-path="$bin/aws-mfa-agent" \
    -cp "$app/aws-mfa-agent.jar" dev.awsmfa.cli.Main "$@"
EOF
    chmod 755 "$IMAGE/bin/aws-mfa-agent"
}

lists() {
    local work pids=()
    work=$(mktemp -d /tmp/aws-mfa-tuned.XXXXXX)
    # shellcheck source=lib/desktop.sh
    . "$BENCH/lib/desktop.sh"
    trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; desktop_stop >/dev/null 2>&1 || true; rm -rf "$work"' RETURN
    rm -f "$APP/run.jsa" "$APP/cli.jsa"
    python3 "$BENCH/lib/fixtures.py" "$work/home" 20 6
    python3 "$BENCH/lib/sts_stub.py" "$work/sts.port" & pids+=($!)
    for _ in $(seq 1 100); do [ -s "$work/sts.port" ] && break; sleep 0.05; done
    local sts=http://127.0.0.1:$(cat "$work/sts.port")
    HOME=$work/home JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/status.cl" \
        "$IMAGE/bin/aws-mfa-agent" status >/dev/null 2>&1
    HOME=$work/home AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL_STS=$sts \
        JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/renew.cl" \
        "$IMAGE/bin/aws-mfa-agent" renew -p dev01 --code 123456 >/dev/null 2>&1
    desktop_start "$work/desktop"
    HOME=$work/home AWS_MFA_AGENT_TRAY_TYPE=Gtk JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/run.cl" \
        python3 "$BENCH/lib/icon_watch.py" 1E9E4A 20 30 "$work/run.pid" -- "$IMAGE/bin/aws-mfa-agent" >/dev/null
    local agent
    agent=$(cat "$work/run.pid"); pids+=("$agent")
    sleep 5
    kill "$agent"; for _ in $(seq 1 100); do kill -0 "$agent" 2>/dev/null || break; sleep 0.1; done
    grep -v '^#' "$work/run.cl" >"$APP/run.classlist"
    cat "$work/status.cl" "$work/renew.cl" | grep -v '^#' | awk '!seen[$0]++' >"$APP/cli.classlist"
    echo "tuned-image: $(wc -l <"$APP/run.classlist") classes for run, $(wc -l <"$APP/cli.classlist") for the CLI"
}

dump() {
    local name
    rm -f "$APP/run.jsa" "$APP/cli.jsa"
    for name in run cli; do
        # The wrapper adds no archive while none exists; -Xshare:dump makes the JVM dump and exit.
        JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$APP/$name.classlist -XX:SharedArchiveFile=$APP/$name.jsa" \
            "$IMAGE/bin/aws-mfa-agent" status >"$APP/$name.dump.log" 2>&1 || { tail -5 "$APP/$name.dump.log" >&2; exit 1; }
        rm -f "$APP/$name.dump.log"
    done
    echo "tuned-image: $(du -m "$APP/run.jsa" | cut -f1) MiB run.jsa, $(du -m "$APP/cli.jsa" | cut -f1) MiB cli.jsa"
}

case $step in
    runtime) runtime ;;
    lists) lists ;;
    dump) dump ;;
    all) runtime; lists; dump ;;
    *) echo "tuned-image: unknown step $step" >&2; exit 2 ;;
esac
