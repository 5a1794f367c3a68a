#!/usr/bin/env bash
# Issue 15: what a CLI renewal costs more in a 1,000-profile credentials/config pair than in a 20-profile one,
# for aws-mfa-agent (`java -jar` with the agent's own JVM options from app.args) and the Python peer
# (bench/lib/boto3_mfa.py: aws-mfa's steps), against one loopback STS, interleaved
# (small, large, boto3 small, boto3 large, ...), beside the least file work a renewal must do in a cold JVM
# with the same options (bench/probe/FloorProbe.java, "floor"). Prints medians and the median of the per-round differences
# (large - small) in wall and CPU time, with the load average.
#
# usage: bench/renew-size.sh [ROUNDS=15] [JAR=agent/target/aws-mfa-agent.jar] [BEFORE_JAR]
# With BEFORE_JAR (e.g. the jar of the commit before a change), that jar runs in the same interleaved loop
# ("before 20", "before 1000"), each command in its own HOME, so a change is measured against its own baseline.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/bench/lib
ROUNDS=${1:-15}
JAR=$(realpath "${2:-$ROOT/agent/target/aws-mfa-agent.jar}")
BEFORE=${3:+$(realpath "$3")}
WORK=$(mktemp -d /tmp/renew-size.XXXXXX)
trap 'kill "$STUB" 2>/dev/null || true; rm -rf "$WORK"' EXIT
# The agent's JVM options, as the jar itself reads them (dev.awsmfa.launch.JvmOptions)
OPTS=$(sed -n 's/^--java-options //p' "$ROOT/installer/src/package/app.args" "$ROOT/installer/src/package/linux/app-image.args" | tr '\n' ' ')
python3 "$LIB/fixtures.py" "$WORK/small" 20 6
python3 "$LIB/fixtures.py" "$WORK/large" 1000 6
# The peer writes its own copies: a file another program wrote in the last 5 s makes our renewal look longer for
# a writer that takes no lock (the full settle pause), which is not what this compares.
python3 "$LIB/fixtures.py" "$WORK/small-boto3" 20 6
python3 "$LIB/fixtures.py" "$WORK/large-boto3" 1000 6
# The floor: the least file work a renewal must do, in a cold JVM with the same options (bench/probe/FloorProbe.java)
python3 "$LIB/fixtures.py" "$WORK/small-floor" 20 6
python3 "$LIB/fixtures.py" "$WORK/large-floor" 1000 6
mkdir "$WORK/probe" && javac -d "$WORK/probe" "$ROOT/bench/probe/FloorProbe.java"
if [ -n "$BEFORE" ]; then
    python3 "$LIB/fixtures.py" "$WORK/small-before" 20 6
    python3 "$LIB/fixtures.py" "$WORK/large-before" 1000 6
fi
python3 "$LIB/sts_stub.py" "$WORK/sts.port" & STUB=$!
for _ in $(seq 1 100); do [ -s "$WORK/sts.port" ] && break; sleep 0.05; done
STS=http://127.0.0.1:$(cat "$WORK/sts.port")
SERIAL=arn:aws:iam::123456789012:mfa/user01
ENV="env -i PATH=/usr/bin:/bin LANG=C.UTF-8 AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL_STS=$STS"
# EXTRA_OPTS: JVM options appended after the agent's (to see what, e.g., a larger young generation changes);
# BEFORE_OPTS: the same for BEFORE_JAR's runs only (give the same jar twice to compare two options in one loop)
agent() { echo "$ENV HOME=$WORK/$1 java -XX:+IgnoreUnrecognizedVMOptions $OPTS ${3-${EXTRA_OPTS:-}} -jar ${2:-$JAR} renew -p dev01 --code 123456"; }
floor() { echo "$ENV java -XX:+IgnoreUnrecognizedVMOptions $OPTS -cp $WORK/probe FloorProbe $WORK/$1 check"; }
boto() { echo "$ENV HOME=$WORK/$1 python3 $LIB/boto3_mfa.py user01 dev01 $SERIAL 123456 $STS"; }
ls -l "$WORK/small/.aws" "$WORK/large/.aws" | grep -v '^total' >&2
COMMANDS=("agent 20=$(agent small)" "agent 1000=$(agent large)" "boto3 20=$(boto small-boto3)" "boto3 1000=$(boto large-boto3)"
    "floor 20=$(floor small-floor)" "floor 1000=$(floor large-floor)")
if [ -n "$BEFORE" ]; then
    COMMANDS+=("before 20=$(agent small-before "$BEFORE" "${BEFORE_OPTS-${EXTRA_OPTS:-}}")"
        "before 1000=$(agent large-before "$BEFORE" "${BEFORE_OPTS-${EXTRA_OPTS:-}}")")
fi
INTERLEAVE_JSON=$WORK/raw.json python3 "$LIB/interleave.py" "$ROUNDS" "${COMMANDS[@]}"
python3 - "$WORK/raw.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
for tool in ("agent", "boto3", "before", "floor"):
    if f"{tool} 20" not in r:
        continue
    s, l = r[f"{tool} 20"], r[f"{tool} 1000"]
    for i, what in ((0, "wall"), (1, "cpu")):
        d = [(b[i] - a[i]) * 1000 for a, b in zip(s, l)]
        print(f"{tool}: 1000 - 20 profiles, {what}: median of per-round differences {statistics.median(d):+.0f} ms "
              f"({min(d):+.0f} … {max(d):+.0f}); difference of medians "
              f"{(statistics.median(x[i] for x in l) - statistics.median(x[i] for x in s)) * 1000:+.0f} ms")
PY
