#!/bin/sh
# Run by the dist profile after jpackage made the Linux app image IMAGE (target/dist/aws-mfa-agent), before
# the .deb is made from it. Measured in docs/BENCHMARKS.md.
#   1. lib/runtime: the same modules, jlink'd again with bin/java kept and a CDS archive of the JDK classes
#      (jpackage's own jlink step strips bin/java). Without the archive for 64-bit references, which a JVM
#      with a heap under 32 GiB never uses.
#   2. bin/aws-mfa-agent: launcher.sh instead of jpackage's native launcher (see there).
#   3. lib/app: the class lists (cds/, made by bench/classlists.sh) and dump-cds.sh, which postinst runs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
image=${1:?usage: finish-image.sh IMAGE}
[ -f "$image/lib/app/aws-mfa-agent.cfg" ] || { echo "finish-image: $image is not an aws-mfa-agent app image" >&2; exit 2; }
modules=$(sed -n 's/^--add-modules[[:space:]]\{1,\}//p' "$here/../app.args")
rm -rf "$image/lib/runtime.new"
"${JAVA_HOME:+$JAVA_HOME/bin/}jlink" \
    --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
    --output "$image/lib/runtime.new"
rm -f "$image/lib/runtime.new/lib/server/classes_nocoops.jsa"
find "$image/lib/runtime.new/bin" -type f ! -name java -delete
rm -rf "$image/lib/runtime"
mv "$image/lib/runtime.new" "$image/lib/runtime"
install -m 755 "$here/launcher.sh" "$image/bin/aws-mfa-agent"
install -m 755 "$here/dump-cds.sh" "$image/lib/app/dump-cds.sh"
install -m 644 "$here/cds/run.classlist" "$here/cds/cli.classlist" "$here/cds/status.classlist" "$image/lib/app/"
