#!/usr/bin/env bash
# Issue 7's figures, measured side by side in one run on this machine, then printed as one table.
#
#   bench/run.sh                      everything, idle window 600 s (about 15 minutes in all)
#   bench/run.sh --idle 120           a shorter idle window (for iterations; say so when quoting numbers)
#   bench/run.sh --help               all options
#
# Needs: JDK 17 with jpackage, Maven, Xvfb, trayer, xdotool, x11-utils, dbus-x11, imagemagick, hyperfine,
# python3, /usr/bin/aws (Debian awscli). Starts only its own processes and stops every one of them on exit.
# Raw data and the table go to bench/results/<date>/ (table.md, results.json, logs).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
LIB=$BENCH/lib

IDLE=600          # seconds the resident agents sit idle
LAUNCHES=5        # launch -> icon samples (each on a fresh X display with trayer)
AGENTS=3          # of those launches, how many stay up for the idle window
RUNS=10           # CLI runs per command, interleaved in rounds of 2 (plus one warm-up per round)
TRAY_TYPE=Gtk     # AWS_MFA_AGENT_TRAY_TYPE for the agent (Gtk: what dorkbox picks on XEmbed desktops)
MODE=image        # image: the jpackage app image users install; jar: java <launcher options> -jar
IMAGE_ARG=""      # an app image built elsewhere (e.g. with a CDS archive made at its final place)
BUILD=1
JMH=1
FLOORS=1
FOOTPRINT=1       # issue 15: bench/memory.sh per start path and tray host, as a normal user
SETTLE=60         # seconds each of those agents runs before it is measured
JVM_OPTS=""       # replaces the launcher's JVM options when set (tuning experiments)
EXTRA_ENV=""      # extra environment for the agent and the CLI, e.g. "MALLOC_ARENA_MAX=2 GDK_GL=disable"
OUT=""

usage() {
    sed -n '2,12p' "$0"
    cat <<EOF
options:
  --idle SECONDS      idle window of the resident agents (default $IDLE)
  --launches N        launch -> icon samples (default $LAUNCHES)
  --agents N          resident agents measured over the idle window, <= launches (default $AGENTS)
  --runs N            runs per CLI command, in interleaved rounds of 2 (default $RUNS)
  --tray-type TYPE    tray type of the agent (default $TRAY_TYPE)
  --jar               measure java -jar agent/target/aws-mfa-agent.jar with the launcher's JVM options
                      instead of the jpackage app image (default: the app image, what users install)
  --jvm-opts "OPTS"   use these JVM options instead of the launcher's (installer/src/package/app.args)
  --env "K=V ..."     extra environment for the agent and the CLI
  --image DIR         measure this app image (its bin/aws-mfa-agent) instead of building one
  --no-build          use the jar, app image and benchmarks.jar already built
  --no-jmh            skip the in-process (JMH) benchmarks
  --no-floors         skip the floor references (bare JVM, bare dorkbox trays)
  --no-footprint      skip the per-start-path idle agents as a normal user (bench/memory.sh, issue 15)
  --settle SECONDS    how long each of those runs before it is measured (default $SETTLE)
  --out DIR           where results go (default bench/results/<date>)
EOF
}

ARGS="$*"
while [ $# -gt 0 ]; do
    case $1 in
        --idle) IDLE=$2; shift ;;
        --launches) LAUNCHES=$2; shift ;;
        --agents) AGENTS=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --tray-type) TRAY_TYPE=$2; shift ;;
        --jar) MODE=jar ;;
        --image) IMAGE_ARG=$(cd "$2" && pwd); shift ;;
        --jvm-opts) JVM_OPTS=$2; shift ;;
        --env) EXTRA_ENV=$2; shift ;;
        --no-build) BUILD=0 ;;
        --no-jmh) JMH=0 ;;
        --no-floors) FLOORS=0 ;;
        --no-footprint) FOOTPRINT=0 ;;
        --settle) SETTLE=$2; shift ;;
        --out) OUT=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ "$AGENTS" -le "$LAUNCHES" ] || { echo "bench: --agents must be <= --launches" >&2; exit 2; }

OUT=${OUT:-$BENCH/results/$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d /tmp/aws-mfa-bench.XXXXXX)
DATA=$OUT/data.tsv          # one measurement per line: key <TAB> value
: >"$DATA"
rec() { printf '%s\t%s\n' "$1" "$2" >>"$DATA"; }
# CPU pressure (Linux PSI): the share of wall time in which some runnable task waited for a CPU. Other
# programs on the machine show up here; timings taken under pressure are slower than on a quiet machine.
psi_total() { sed -n 's/^some .*total=\([0-9]*\).*/\1/p' /proc/pressure/cpu 2>/dev/null || echo 0; }
phase_start() { PH_NAME=$1; PH_T0=$(date +%s%N); PH_P0=$(psi_total); }
phase_end() {
    local t1 p1
    t1=$(date +%s%N); p1=$(psi_total)
    if [ "$PH_P0" != 0 ] && [ "$p1" != 0 ]; then
        rec "pressure.$PH_NAME" "$(( (p1 - PH_P0) * 100000000 / (t1 - PH_T0) ))"   # percent x 1000
    fi
}
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

for tool in java jpackage mvn Xvfb trayer xdotool xdpyinfo dbus-launch hyperfine python3 /usr/bin/aws jstack; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (see the header of $0)" >&2; exit 2; }
done

# ---- cleanup: every process this script starts is listed in $WORK/pids and stopped by PID ----------------
PIDS=$WORK/pids
: >"$PIDS"
track() { echo "$1" >>"$PIDS"; }
cleanup() {
    set +e
    if [ -s "$PIDS" ]; then
        # agents and trays first (SIGTERM: their shutdown hooks remove the icon), then the X servers
        tac "$PIDS" | while read -r p; do kill "$p" 2>/dev/null; done
        sleep 1
        tac "$PIDS" | while read -r p; do
            for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$p" 2>/dev/null
        done
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=lib/desktop.sh
. "$LIB/desktop.sh"

# ---- machine -----------------------------------------------------------------------------------------------
rec machine.cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
rec machine.nproc "$(nproc)"
rec machine.ram_mib "$(free -m | awk '/^Mem:/{print $2}')"
rec machine.kernel "$(uname -sr)"
rec machine.java "$(java -version 2>&1 | head -2 | tail -1)"
rec machine.os "$(. /etc/os-release && echo "$PRETTY_NAME")"
rec machine.awscli "$(/usr/bin/aws --version 2>&1)"
rec run.date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
rec run.command "bench/run.sh${ARGS:+ $ARGS}"
rec run.idle_s "$IDLE"
rec run.mode "$MODE"
rec run.tray_type "$TRAY_TYPE"
rec run.extra_env "$EXTRA_ENV"
rec run.loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- build -------------------------------------------------------------------------------------------------
JAR=$REPO/agent/target/aws-mfa-agent.jar
IMAGE=$BENCH/target/app-image/aws-mfa-agent
PKG=$REPO/installer/src/package
if [ "$BUILD" = 1 ]; then
    log "building and installing the project (mvn install -DskipTests)"
    (cd "$REPO" && mvn -q -B install -DskipTests) >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
    if [ "$JMH" = 1 ]; then
        log "building the JMH benchmarks"
        mvn -q -B -f "$BENCH/pom.xml" package >>"$OUT/build.log" 2>&1 || { tail -50 "$OUT/build.log" >&2; exit 1; }
    fi
    if [ "$MODE" = image ] && [ -z "$IMAGE_ARG" ]; then
        log "building the app image with jpackage (the dist profile's arguments)"
        rm -rf "$BENCH/target/app-image" "$BENCH/target/jpackage-input"
        mkdir -p "$BENCH/target/jpackage-input"
        cp "$JAR" "$BENCH/target/jpackage-input/"
        version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$REPO/pom.xml" | head -1)
        (cd "$PKG" && jpackage @identity.args @app.args @linux/app-image.args --app-version "$version" \
            --input "$BENCH/target/jpackage-input" --dest "$BENCH/target/app-image") >>"$OUT/build.log" 2>&1 \
            || { tail -30 "$OUT/build.log" >&2; exit 1; }
        # As the dist profile and the .deb's postinst do: the tuned runtime and launcher, then the CDS archives.
        sh "$PKG/linux/finish-image.sh" "$IMAGE" >>"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
        "$IMAGE/lib/app/dump-cds.sh" >>"$OUT/build.log" 2>&1
    fi
fi
[ -f "$JAR" ] || { echo "bench: $JAR missing: run without --no-build" >&2; exit 1; }

# The launcher's JVM options: from the app image's .cfg (image), else from app.args (jar).
launcher_opts() {
    sed -n 's/^--java-options[[:space:]]\+//p' "$PKG/app.args" "$PKG/linux/app-image.args" | sed 's/^"\(.*\)"$/\1/' | tr '\n' ' '
}
[ -n "$IMAGE_ARG" ] && IMAGE=$IMAGE_ARG
if [ "$MODE" = image ]; then
    [ -x "$IMAGE/bin/aws-mfa-agent" ] || { echo "bench: no app image at $IMAGE: run without --no-build" >&2; exit 1; }
    RUNIMAGE=$IMAGE
    CFG=$RUNIMAGE/lib/app/aws-mfa-agent.cfg
    if [ -n "$JVM_OPTS" ]; then
        # A private copy, so --jvm-opts can rewrite its .cfg without touching the built image. Its CDS archives
        # are made again: JDK 17 ties them to the jar's path.
        cp -a "$IMAGE" "$WORK/image"
        [ -x "$WORK/image/lib/app/dump-cds.sh" ] && "$WORK/image/lib/app/dump-cds.sh"
        RUNIMAGE=$WORK/image
        CFG=$RUNIMAGE/lib/app/aws-mfa-agent.cfg
        python3 - "$CFG" "$JVM_OPTS" <<'EOF'
import sys, shlex
cfg, opts = sys.argv[1], shlex.split(sys.argv[2])
lines = [l for l in open(cfg).read().splitlines() if not l.startswith("java-options=") or "jpackage.app-version" in l]
i = lines.index("[JavaOptions]") + 1
while i < len(lines) and lines[i].startswith("java-options="):
    i += 1
lines[i:i] = ["java-options=" + o for o in opts]
open(cfg, "w").write("\n".join(lines) + "\n")
EOF
    fi
    AGENT=("$RUNIMAGE/bin/aws-mfa-agent")
    rec run.jvm_opts "$(sed -n 's/^java-options=//p' "$CFG" | tr '\n' ' ')"
else
    OPTS=${JVM_OPTS:-$(launcher_opts)}
    # shellcheck disable=SC2206
    AGENT=(java $OPTS -jar "$JAR")
    rec run.jvm_opts "$OPTS"
fi
FLOOR_OPTS=${JVM_OPTS:-$(launcher_opts)}
rec run.agent_cmd "${AGENT[*]}"
# shellcheck disable=SC2206
ENVV=($EXTRA_ENV)

# ---- jar size and dependencies -----------------------------------------------------------------------------
log "jar size and dependency tree"
rec jar.bytes "$(stat -c %s "$JAR")"
(cd "$REPO" && mvn -B -q dependency:tree -pl agent -Dscope=runtime -DoutputFile="$OUT/dependency-tree.txt") \
    >>"$OUT/build.log" 2>&1 || rec deps.error "mvn dependency:tree failed (see build.log)"
if [ -f "$OUT/dependency-tree.txt" ]; then
    rec deps.count "$(grep -c ':jar:' "$OUT/dependency-tree.txt" || true)"
    rec deps.forbidden "$(grep -Eio 'io\.netty[^ ]*|software\.amazon\.awssdk:(netty-nio-client|apache-client|apache5-client)[^ ]*|org\.apache\.httpcomponents[^ ]*|org\.apache\.httpcomponents\.client5[^ ]*' "$OUT/dependency-tree.txt" | tr '\n' ' ' || true)"
fi
rec jar.forbidden_classes "$(unzip -Z1 "$JAR" | grep -Ec '^(io/netty|org/apache/http|org/apache/hc)/' || true)"
rec jar.entries "$(unzip -Z1 "$JAR" | wc -l)"
if [ "$MODE" = image ]; then
    rec image.bytes "$(du -sb "$IMAGE" | cut -f1)"
    rec image.cds "$(cd "$IMAGE" && ls lib/runtime/lib/server/*.jsa lib/app/*.jsa 2>/dev/null | tr '\n' ' ')"
fi

# ---- resident agents: launch -> icon, then idle -------------------------------------------------------------
GREEN=1E9E4A   # TrayIcons.signatureRgb(FRESH): 20 fresh sessions show the green shield
declare -a KEEP_PID KEEP_NAME KEEP_DISPLAY
keep() { KEEP_PID+=("$1"); KEEP_NAME+=("$2"); KEEP_DISPLAY+=("$DISPLAY"); }

stop_pid() {
    local p=$1
    kill "$p" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
}

# launch NAME KEEP(0/1) ENV... -- COMMAND...: a fresh desktop, the command launched and timed until its icon shows.
launch() {
    local name=$1 keepit=$2; shift 2
    local envs=()
    while [ "$1" != -- ]; do envs+=("$1"); shift; done
    shift
    # A desktop that does not come up (an X server slow under load) is stopped and tried once more.
    if ! desktop_start "$WORK/desktop-$name" && { desktop_stop; ! desktop_start "$WORK/desktop-$name"; }; then
        rec "$name.icon_s" "fail:no desktop"; cp "$WORK/desktop-$name/trayer.log" "$OUT/$name-trayer.log" 2>/dev/null
        track "$XVFB_PID"; track "$DBUS_PID"; track "$TRAYER_PID"; desktop_stop; return 1
    fi
    track "$XVFB_PID"; track "$DBUS_PID"; track "$TRAYER_PID"
    local res
    res=$(env "${envs[@]}" python3 "$LIB/icon_watch.py" "$GREEN" 20 30 "$WORK/$name.pid" -- "$@") || true
    local pid
    pid=$(cat "$WORK/$name.pid" 2>/dev/null || true)
    [ -n "$pid" ] && track "$pid"
    log "$name: launch -> icon: $res"
    local shown=1
    case $res in
        [0-9]*) set -- $res; rec "$name.icon_s" "$1"; rec "$name.icon_cpu_s" "$2" ;;
        *) shown=0; rec "$name.icon_s" "fail:$res"; cp "$WORK/$name.pid.out" "$OUT/$name.out" 2>/dev/null || true
           rec "$name.fail_output" "$(grep -m1 -iE 'error|exception' "$WORK/$name.pid.out" 2>/dev/null | cut -c1-200)"
           timeout 5 import -window root "$OUT/$name-fail.png" 2>/dev/null || true ;;
    esac
    if [ "$shown" = 1 ] && [ "$keepit" = 1 ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        keep "$pid" "$name"
    else
        [ -n "$pid" ] && stop_pid "$pid"
        desktop_stop
    fi
    [ "$shown" = 1 ]
}

# A start that shows no icon (crash, hang) is recorded as a failed start and made up for, up to 3 times.
phase_start launch
ok=0 i=0
while [ "$ok" -lt "$LAUNCHES" ] && [ "$i" -lt $((LAUNCHES + 3)) ]; do
    i=$((i + 1))
    home=$WORK/home-agent$i
    python3 "$LIB/fixtures.py" "$home" 20 6
    keepit=0; [ "$ok" -ge $((LAUNCHES - AGENTS)) ] && keepit=1
    if launch "agent$i" "$keepit" HOME="$home" AWS_MFA_AGENT_TRAY_TYPE="$TRAY_TYPE" "${ENVV[@]}" -- "${AGENT[@]}"; then
        ok=$((ok + 1))
    fi
done

phase_end
if [ "$FLOORS" = 1 ]; then
    log "floors: bare JVM and bare dorkbox trays"
    mkdir -p "$WORK/floors"
    javac -d "$WORK/floors" -cp "$JAR" "$BENCH/floors/Hello.java" "$BENCH/floors/BareTray.java"
    for t in Gtk Swing; do
        # shellcheck disable=SC2086
        launch "bare$t" 1 HOME="$WORK/home-agent1" "${ENVV[@]}" -- java $FLOOR_OPTS -cp "$WORK/floors:$JAR" BareTray "$t" || true
    done
    # shellcheck disable=SC2086
    env "${ENVV[@]}" java $FLOOR_OPTS -cp "$WORK/floors" Hello >/dev/null 2>&1 &
    track $!; KEEP_PID+=($!); KEEP_NAME+=(hello); KEEP_DISPLAY+=("")
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo NA; }
rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || echo NA; }

log "settling 15 s, then the idle window of $IDLE s starts"
sleep 15
declare -A CPU0
for k in "${!KEEP_PID[@]}"; do CPU0[$k]=$(cpu_ticks "${KEEP_PID[$k]}"); done
# Per thread, in ns (schedstat), to see which threads use the idle CPU.
thread_ns() { local t; for t in /proc/"$1"/task/*; do printf '%s\t%s\t%s\n' "$(basename "$t")" "$(cut -d' ' -f1 "$t/schedstat" 2>/dev/null)" "$(cat "$t/comm" 2>/dev/null)"; done; }
for k in "${!KEEP_PID[@]}"; do thread_ns "${KEEP_PID[$k]}" >"$WORK/threads0-${KEEP_NAME[$k]}.tsv"; done
phase_start idle
IDLE_T0=$(date +%s.%N)
rec idle.start "$(date -u +%H:%M:%SZ)"
# RSS every 10 s over the window, for the max and the shape
(
    while true; do
        for k in "${!KEEP_PID[@]}"; do
            printf '%s\t%s\t%s\n' "$(date +%s)" "${KEEP_NAME[$k]}" "$(rss_kib "${KEEP_PID[$k]}")"
        done
        sleep 10
    done
) >"$OUT/rss-samples.tsv" 2>/dev/null &
SAMPLER=$!
track $SAMPLER

# ---- while the agents idle: the CLI against the AWS CLI, and JMH --------------------------------------------
log "CLI: aws-mfa-agent vs /usr/bin/aws on the same files, against one loopback STS"
CLIHOME=$WORK/home-cli
python3 "$LIB/fixtures.py" "$CLIHOME" 20 6
rm -f "$WORK/sts.port"
python3 "$LIB/sts_stub.py" "$WORK/sts.port" &
track $!
for _ in $(seq 1 100); do [ -s "$WORK/sts.port" ] && break; sleep 0.05; done
STS=http://127.0.0.1:$(cat "$WORK/sts.port")
SERIAL=arn:aws:iam::123456789012:mfa/user01

# compare NAME A B: interleaved rounds of hyperfine, every run's wall and CPU time kept
compare() {
    local name=$1 a=$2 b=$3 r rounds=$(( (RUNS + 1) / 2 ))
    for r in $(seq 1 "$rounds"); do
        env HOME="$CLIHOME" AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL_STS="$STS" DISPLAY= "${ENVV[@]}" \
            hyperfine -N -w 1 -r 2 --export-json "$OUT/hyperfine-$name-$r.json" "$a" "$b" >>"$OUT/hyperfine.log" 2>&1 \
            || { rec "$name.error" "hyperfine failed (see hyperfine.log)"; return 0; }
    done
}
PSI_IDLE_NAME=$PH_NAME PSI_IDLE_T0=$PH_T0 PSI_IDLE_P0=$PH_P0
phase_start status
compare status "${AGENT[*]} status" "/usr/bin/aws configure list-profiles"
phase_end
phase_start renew
compare renew "${AGENT[*]} renew -p dev01 --code 123456" "$LIB/manual-renew.sh user01 dev01 $SERIAL 123456 $STS"
phase_end
# the renewed file is still one the AWS CLI reads
(env HOME="$CLIHOME" /usr/bin/aws configure get aws_session_token --profile dev01 | grep -q .) \
    && rec renew.aws_reads_result yes || rec renew.aws_reads_result no

# Issue 15: every way a user may run the CLI, as a normal user (benchuser, `env -i`), in ONE interleaved loop
# against one loopback STS: renew with the package's launcher, the plain `java -jar` (JVM defaults: CLI
# commands run in the JVM started), the launcher `install` makes (its JVM options and CDS archives), the Python
# peer (aws-mfa's steps with Debian's boto3) and the AWS CLI by hand; the same renewal in a 1,000-profile pair
# for us and the peer; `status` against `aws configure list-profiles`. Each command has its own HOME, so no
# command's writes change another's input. Wall, CPU and peak RSS per run (bench/lib/interleave.py, peers.json);
# bench/lib/report15.py turns them into the issue's figures.
log "peers: renew and status as a normal user: package, java -jar, installed jar, boto3 (aws-mfa), AWS CLI"
phase_start peers
id benchuser >/dev/null 2>&1 || useradd -m benchuser
PEER=$WORK/peer; mkdir -p "$PEER"; cp "$JAR" "$PEER/aws-mfa-agent.jar"
for h in pkg jar inst boto hand; do python3 "$LIB/fixtures.py" "$PEER/$h" 20 6; done
for h in pkg1000 inst1000 boto1000; do python3 "$LIB/fixtures.py" "$PEER/$h" 1000 6; done
# The floor of the 1,000-profile figure: the least file work a renewal must do, in a cold JVM with the same options
python3 "$LIB/fixtures.py" "$PEER/floor" 20 6; python3 "$LIB/fixtures.py" "$PEER/floor1000" 1000 6
mkdir -p "$PEER/probe"; javac -d "$PEER/probe" "$BENCH/probe/FloorProbe.java"
cp "$LIB/boto3_mfa.py" "$LIB/manual-renew.sh" "$PEER/"
chown -R benchuser: "$PEER"; chmod 755 "$PEER"; chmod 711 "$WORK"   # benchuser passes through, lists nothing
# as_user HOME-NAME COMMAND...: the command line interleave.py runs (a shell string)
as_user() { local h=$PEER/$1; shift
            echo "runuser -u benchuser -- env -i PATH=/usr/bin:/bin HOME=$h LANG=C.UTF-8 AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL_STS=$STS $*"; }
runuser -u benchuser -- env -i PATH=/usr/bin:/bin HOME="$PEER/inst" XDG_DATA_HOME="$PEER/inst/.local/share" \
    java -jar "$PEER/aws-mfa-agent.jar" install >"$OUT/peer-install.log" 2>&1 || rec peers.error "install failed"
INST=$PEER/inst/.local/bin/aws-mfa-agent
R="renew -p dev01 --code 123456"
BOTO="python3 $PEER/boto3_mfa.py user01 dev01 $SERIAL 123456 $STS"
PEERS=("renew: java -jar=$(as_user jar java -jar "$PEER/aws-mfa-agent.jar" "$R")"
       "renew: installed jar=$(as_user inst "$INST" "$R")"
       "renew: boto3 (aws-mfa)=$(as_user boto "$BOTO")"
       "renew: AWS CLI by hand=$(as_user hand sh "$PEER/manual-renew.sh" user01 dev01 "$SERIAL" 123456 "$STS")"
       "renew 1000: installed jar=$(as_user inst1000 "$INST" "$R")"
       "renew 1000: boto3 (aws-mfa)=$(as_user boto1000 "$BOTO")"
       "renew: floor probe=$(as_user floor java $FLOOR_OPTS -cp "$PEER/probe" FloorProbe "$PEER/floor" check)"
       "renew 1000: floor probe=$(as_user floor1000 java $FLOOR_OPTS -cp "$PEER/probe" FloorProbe "$PEER/floor1000" check)"
       "status: java -jar=$(as_user jar java -jar "$PEER/aws-mfa-agent.jar" status)"
       "status: installed jar=$(as_user inst "$INST" status)"
       "status: aws list-profiles=$(as_user inst /usr/bin/aws configure list-profiles)"
       "floor: java -version=$(as_user inst java -version)")
if [ "$MODE" = image ]; then
    PEERS=("renew: package launcher=$(as_user pkg "$RUNIMAGE/bin/aws-mfa-agent" "$R")"
           "renew 1000: package launcher=$(as_user pkg1000 "$RUNIMAGE/bin/aws-mfa-agent" "$R")"
           "status: package launcher=$(as_user pkg "$RUNIMAGE/bin/aws-mfa-agent" status)" "${PEERS[@]}")
fi
INTERLEAVE_JSON=$OUT/peers.json python3 "$LIB/interleave.py" "$RUNS" "${PEERS[@]}" >"$OUT/peers.md" 2>>"$OUT/peers.log" \
    || rec peers.error "see peers.log"
phase_end

if [ "$JMH" = 1 ]; then
    log "JMH: renew in a 1,000-profile file, plan for 1,000 profiles"
    phase_start jmh
    # The jar under test first on the class path: its classes win over the copy shaded into benchmarks.jar.
    java -cp "$JAR:$BENCH/target/benchmarks.jar" org.openjdk.jmh.Main -f 2 -wi 3 -w 1s -i 5 -r 1s \
        -rf json -rff "$OUT/jmh.json" \
        >"$OUT/jmh.log" 2>&1 || rec jmh.error "JMH failed (see jmh.log)"
    phase_end
fi

# ---- end of the idle window ----------------------------------------------------------------------------------
left=$(python3 -c "import time; print(max(0, $IDLE - (time.time() - $IDLE_T0)))")
log "waiting ${left%.*} s for the end of the idle window"
sleep "$left"
IDLE_T1=$(date +%s.%N)
PH_NAME=$PSI_IDLE_NAME PH_T0=$PSI_IDLE_T0 PH_P0=$PSI_IDLE_P0; phase_end
rec idle.seconds "$(python3 -c "print(round($IDLE_T1 - $IDLE_T0, 1))")"
for k in "${!KEEP_PID[@]}"; do
    p=${KEEP_PID[$k]} n=${KEEP_NAME[$k]}
    c1=$(cpu_ticks "$p")
    if [ "$c1" = NA ]; then rec "$n.idle_error" "process gone before the end"; continue; fi
    rec "$n.rss_kib" "$(rss_kib "$p")"
    rec "$n.idle_cpu_ticks" "$((c1 - CPU0[$k]))"
    rec "$n.threads" "$(ls "/proc/$p/task" | wc -l)"
    cat /proc/"$p"/task/*/comm | sort | uniq -c | sort -rn >"$OUT/$n-threads-comm.txt"
    # CPU per thread over the window (ms); threads born in the window count from 0
    thread_ns "$p" | awk -F'\t' -v f="$WORK/threads0-$n.tsv" -v win="$IDLE" '
        BEGIN { while ((getline l < f) > 0) { split(l, a, "\t"); t0[a[1]] = a[2] } }
        { d = ($2 - (($1 in t0) ? t0[$1] : 0)) / 1e6; if (d >= 0.05) printf "%s\t%.2f\n", $3, d }' \
        | sort -t$'\t' -k2 -rn >"$OUT/$n-idle-cpu-by-thread.tsv"
done
kill "$SAMPLER" 2>/dev/null || true
rec clk_tck "$(getconf CLK_TCK)"
# After the measurements (attaching adds a thread): full thread names and states of the first resident agent.
for k in "${!KEEP_PID[@]}"; do
    case ${KEEP_NAME[$k]} in agent*) jstack "${KEEP_PID[$k]}" >"$OUT/${KEEP_NAME[$k]}-jstack.txt" 2>&1 || true; break ;; esac
done
# One click on an agent's icon: what the first menu opening costs (GTK loads more on the first menu).
for k in "${!KEEP_PID[@]}"; do
    case ${KEEP_NAME[$k]} in agent*|bareGtk)
        export DISPLAY=${KEEP_DISPLAY[$k]}
        xy=$(timeout 5 python3 - <<'EOF' 2>/dev/null || true
import subprocess
out = subprocess.run(["import", "-window", "root", "-crop", "1280x40+0+0", "-depth", "8", "txt:-"],
                     capture_output=True, text=True, timeout=5).stdout
pts = [l.split(":")[0].split(",") for l in out.splitlines() if "#1E9E4A" in l.upper()]
if pts:
    xs = sorted(int(p[0]) for p in pts); ys = sorted(int(p[1]) for p in pts)
    print(xs[len(xs) // 2], ys[len(ys) // 2])
EOF
)
        if [ -n "$xy" ]; then
            # shellcheck disable=SC2086
            timeout 5 xdotool mousemove $xy click 1 >/dev/null 2>&1 || true
            sleep 3
            rec "${KEEP_NAME[$k]}.rss_after_menu_kib" "$(rss_kib "${KEEP_PID[$k]}")"
            timeout 5 import -window root -crop 400x300+880+0 "$OUT/${KEEP_NAME[$k]}-menu.png" 2>/dev/null || true
            timeout 5 xdotool key Escape >/dev/null 2>&1 || true
        fi
        ;;
    esac
done
rec run.loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"

# Issue 15: the idle agent as a normal user, the way users start it, on both kinds of tray host
# (bench/memory.sh: its own Xvfb, session bus and tray host; the jar started once before (--warm: its class
# archive made, as for every start but the first); VmRSS of all our processes together, smaps by
# mapping, idle CPU from schedstat, and the same after a code prompt was shown and closed).
if [ "$FOOTPRINT" = 1 ]; then
    log "footprint: the idle agent as a normal user, java -jar and the package, XEmbed and SNI tray hosts"
    phase_start footprint
    pkg=(--cmd installed); pkgname=installed
    [ "$MODE" = image ] && { pkg=(--cmd "$RUNIMAGE/bin/aws-mfa-agent" --jar "$RUNIMAGE/lib/app/aws-mfa-agent.jar"); pkgname=package; }
    chmod o+rx "$REPO" "$BENCH" "$BENCH/target" 2>/dev/null || true   # benchuser runs the image in place
    for tray in xembed sni; do
        bash "$BENCH/memory.sh" --tray "$tray" --settle "$SETTLE" --warm --jar "$JAR" --label "jar-$tray" --out "$OUT/footprint" \
            >>"$OUT/footprint.log" 2>&1 || rec "footprint.error" "jar-$tray (see footprint.log)"
        bash "$BENCH/memory.sh" --tray "$tray" --settle "$SETTLE" "${pkg[@]}" --label "$pkgname-$tray" \
            --out "$OUT/footprint" >>"$OUT/footprint.log" 2>&1 || rec "footprint.error" "$pkgname-$tray (see footprint.log)"
    done
    bash "$BENCH/memory.sh" --tray xembed --settle "$SETTLE" --prompt --warm --jar "$JAR" --label "jar-xembed-prompt" \
        --out "$OUT/footprint" >>"$OUT/footprint.log" 2>&1 || rec "footprint.error" "jar-xembed-prompt (see footprint.log)"
    bash "$BENCH/memory.sh" --tray xembed --settle "$SETTLE" --prompt "${pkg[@]}" --label "$pkgname-xembed-prompt" \
        --out "$OUT/footprint" >>"$OUT/footprint.log" 2>&1 || rec "footprint.error" "$pkgname-xembed-prompt (see footprint.log)"
    phase_end
fi

python3 "$LIB/report.py" "$OUT" | tee "$OUT/table.md"
python3 "$LIB/report15.py" "$OUT" | tee -a "$OUT/table.md"
log "results in $OUT"
