#!/bin/sh
# bin/aws-mfa-agent of the Linux app image: starts the bundled runtime with the JVM options of
# lib/app/aws-mfa-agent.cfg (written by jpackage from app.args, so they stay defined in one place).
#
# It replaces jpackage's native launcher, which runs `rpm -qf` and `dpkg -S` on itself at every start
# (about 0.2 s, more than the agent's own `status`). It also picks the class data sharing archive that
# lib/app/dump-cds.sh made for this image: run.jsa for the tray agent, status.jsa for `status` (its classes
# alone: a JVM relocates the whole archive it maps at every start, so a small one starts sooner), cli.jsa for
# the other commands. A missing or stale archive is ignored by the JVM (-Xshare:auto), so the agent starts
# either way.
#
# No process is started before java but readlink for a symlink (the .deb's /usr/bin/aws-mfa-agent): each
# one is start-up time of every command (dirname, readlink and sed cost `status` 9 ms, a tenth of it).
self=$0
[ -L "$self" ] && self=$(readlink -f "$self")
case $self in /*) ;; *) self=$PWD/$self ;; esac
bin=${self%/*}
root=${bin%/*}
app=$root/lib/app
opts=
while IFS= read -r line; do
    case $line in
        java-options=*)
            o=${line#java-options=}
            while :; do
                case $o in
                    *\$APPDIR*) o=${o%%\$APPDIR*}$app${o#*\$APPDIR} ;;
                    *) break ;;
                esac
            done
            opts="$opts $o"
            ;;
    esac
done <"$app/aws-mfa-agent.cfg"
case ${1:-run} in
    run|-*) jsa=$app/run.jsa ;;
    status) jsa=$app/status.jsa ;;
    *) jsa=$app/cli.jsa ;;
esac
[ -f "$jsa" ] && opts="-XX:SharedArchiveFile=$jsa$opts"
# The options hold no spaces (app.args), so splitting them on spaces is right. $0 resolved: the start-at-login
# entry written by the agent points at this script, wherever it was started from.
# shellcheck disable=SC2086
exec "$root/lib/runtime/bin/java" $opts -Djpackage.app-path="$bin/aws-mfa-agent" \
    -cp "$app/aws-mfa-agent.jar" dev.awsmfa.cli.Main "$@"
