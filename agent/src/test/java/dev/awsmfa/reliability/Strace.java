package dev.awsmfa.reliability;

import dev.awsmfa.testing.RequiredTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** strace around a child process: which programs it starts (execve) and where it connects (connect). */
final class Strace {
    static final Path STRACE = Path.of("/usr/bin/strace");

    private Strace() {}

    /** Skips (fails in CI) without strace, or where ptrace is not allowed. */
    static void require() {
        RequiredTools.require(STRACE, "Debian package strace");
        String problem = Mounts.exec(STRACE.toString(), "-o", "/dev/null", "/bin/true");
        if (problem != null) {
            Root.skipOrFail("strace cannot trace here (ptrace not allowed?): " + problem);
        }
    }

    /** {@code command} under strace -f, tracing {@code syscalls}, full strings, into {@code log}. */
    static List<String> wrap(Path log, String syscalls, List<String> command) {
        List<String> cmd = new ArrayList<>(
                List.of(STRACE.toString(), "-f", "-qq", "-s", "4096", "-e", "trace=" + syscalls, "-o", log.toString()));
        cmd.addAll(command);
        return cmd;
    }
}
