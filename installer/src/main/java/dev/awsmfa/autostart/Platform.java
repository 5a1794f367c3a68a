package dev.awsmfa.autostart;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything a start-at-login mechanism reads from the machine, injected so tests never touch the real one.
 *
 * @param os     found once, by {@link Os#current()}
 * @param uid    the numeric user id for launchd; may run a process, so only called when needed
 */
public record Platform(
        Os os, Path home, Map<String, String> env, Supplier<String> uid, ProcessRunner runner, LaunchCommand launch) {

    /** Without the environment: it may hold AWS secrets. */
    @Override
    public String toString() {
        return "Platform[" + os + ", " + home + "]";
    }

    public Platform {
        env = Map.copyOf(env);
    }

    public static Platform current(Os os, ProcessRunner runner, LaunchCommand launch) {
        return new Platform(
                os, Path.of(System.getProperty("user.home")), System.getenv(), () -> userId(runner), runner, launch);
    }

    /** The numeric user id, by {@code id -u}: launchd wants it, and Java has no portable way to ask. */
    public static String userId(ProcessRunner runner) {
        try {
            ProcessResult result = runner.run(List.of("id", "-u"));
            String uid = result.stdout().strip();
            if (!result.succeeded() || !uid.matches("\\d+")) {
                throw new IOException("id -u failed: " + result.errorLine());
            }
            return uid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
