package dev.awsmfa.autostart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything a start-at-login mechanism reads from the machine, injected so tests never touch the real one.
 *
 * @param osName as {@code System.getProperty("os.name")}
 * @param uid    the numeric user id for launchd; may run a process, so only called when needed
 */
public record Platform(String osName, Path home, Map<String, String> env, Supplier<String> uid,
                       ProcessRunner runner, LaunchCommand launch) {

    /** Without the environment: it may hold AWS secrets. */
    @Override
    public String toString() {
        return "Platform[" + osName + ", " + home + "]";
    }

    public Platform {
        env = Map.copyOf(env);
    }

    public static Platform current(LaunchCommand launch) {
        ProcessRunner runner = new SystemProcessRunner();
        return new Platform(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")),
                System.getenv(), () -> userId(runner), runner, launch);
    }

    private static String userId(ProcessRunner runner) {
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
