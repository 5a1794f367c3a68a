#!/bin/sh
# lib/app/dump-cds.sh of the Linux app image: makes the class data sharing archives run.jsa (tray agent),
# status.jsa (status) and cli.jsa (renew and the other commands) from the class lists shipped next to it,
# for this image where it now lives:
# JDK 17 ties an archive to the jar's absolute path and modification time, so this runs at install time
# (the .deb's postinst), not at build time. A few seconds; no display needed. Safe to run again.
set -e
app=$(dirname "$(readlink -f "$0")")
java=$(dirname "$app")/runtime/bin/java
for name in run cli status; do
    rm -f "$app/$name.jsa"
    # -Xshare:dump loads the listed classes from the jar, writes the archive and exits.
    "$java" -Xshare:dump -XX:SharedClassListFile="$app/$name.classlist" -XX:SharedArchiveFile="$app/$name.jsa" \
        -Xmx128m -XX:+UseSerialGC -cp "$app/aws-mfa-agent.jar" >"$app/$name.jsa.log" 2>&1 \
        || { echo "aws-mfa-agent: could not make $name.jsa (starts a little slower); see $app/$name.jsa.log" >&2; continue; }
    chmod 644 "$app/$name.jsa"
    rm -f "$app/$name.jsa.log"
done
