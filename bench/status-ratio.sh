#!/usr/bin/env bash
# Issue 15: `aws-mfa-agent status` with 20 managed profiles against `aws configure list-profiles` on the same
# files, interleaved: the launcher `java -jar aws-mfa-agent.jar install` writes (the agent's JVM options and
# its CLI CDS archive), `java -jar` with the agent's options (no archive), /usr/bin/aws, and the floor: a JVM
# with the same options that only starts and exits (`java -version`). Prints medians and
# the median of the per-round ratios (agent ÷ AWS CLI) in wall and CPU time, with the load average.
#
# The CLI archive `install` makes comes from the class list packed in the jar, which lags behind code changes;
# with FRESH_CDS=1 (the default) it is remade from a training run of this jar's `status`, so that a code change
# is measured with an archive of its own classes (FRESH_CDS=0: the archive as installed). Run as root, the
# commands run as the normal user benchuser (BENCH_USER), as a user would run them.
#
# usage: bench/status-ratio.sh [ROUNDS=15] [JAR=agent/target/aws-mfa-agent.jar]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/bench/lib
ROUNDS=${1:-15}
JAR=$(realpath "${2:-$ROOT/agent/target/aws-mfa-agent.jar}")
WORK=$(mktemp -d /tmp/status-ratio.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
OPTS=$(sed -n 's/^--java-options //p' "$ROOT/installer/src/package/app.args" "$ROOT/installer/src/package/linux/app-image.args" | tr '\n' ' ')
H=$WORK/home
python3 "$LIB/fixtures.py" "$H" 20 6
cp "$JAR" "$WORK/aws-mfa-agent.jar"
AS=()
if [ "$(id -u)" = 0 ] && id "${BENCH_USER:-benchuser}" >/dev/null 2>&1; then
    chmod 755 "$WORK"
    chown -R "${BENCH_USER:-benchuser}:" "$WORK"
    AS=(runuser -u "${BENCH_USER:-benchuser}" --)
fi
"${AS[@]}" env -i PATH=/usr/bin:/bin HOME="$H" XDG_DATA_HOME="$H/.local/share" java -jar "$WORK/aws-mfa-agent.jar" install \
    >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; exit 1; }
ENV="env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=$H AWS_DEFAULT_REGION=us-east-1"
if [ "${FRESH_CDS:-1}" = 1 ]; then
    DATA=$H/.local/share/aws-mfa-agent
    "${AS[@]}" $ENV JAVA_TOOL_OPTIONS=-XX:DumpLoadedClassList=$WORK/status.classlist \
        "$H/.local/bin/aws-mfa-agent" status >/dev/null 2>&1
    "${AS[@]}" java -Xshare:dump -XX:SharedClassListFile="$WORK/status.classlist" \
        -XX:SharedArchiveFile="$DATA/cli.jsa" -Xmx128m -XX:+UseSerialGC -cp "$DATA/aws-mfa-agent.jar" \
        >"$WORK/dump.log" 2>&1 || { cat "$WORK/dump.log" >&2; exit 1; }
fi
"${AS[@]}" env INTERLEAVE_JSON=$WORK/raw.json python3 "$LIB/interleave.py" "$ROUNDS" \
    "installed launcher=$ENV $H/.local/bin/aws-mfa-agent status" \
    "java -jar, tuned=$ENV java -XX:+IgnoreUnrecognizedVMOptions $OPTS -jar $WORK/aws-mfa-agent.jar status" \
    "aws list-profiles=$ENV /usr/bin/aws configure list-profiles" \
    "floor: java -version=$ENV java -XX:+IgnoreUnrecognizedVMOptions $OPTS -version"
python3 - "$WORK/raw.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
aws = r["aws list-profiles"]
for name in ("installed launcher", "java -jar, tuned", "floor: java -version"):
    for i, what in ((0, "wall"), (1, "cpu")):
        q = [a[i] / b[i] for a, b in zip(r[name], aws)]
        print(f"{name} ÷ aws configure list-profiles, {what}: median of per-round ratios {statistics.median(q):.3f} "
              f"({min(q):.3f} … {max(q):.3f})")
PY
