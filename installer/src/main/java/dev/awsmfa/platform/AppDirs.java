package dev.awsmfa.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the agent keeps its log, lock and settings, and what it can make again (cache), in each platform's usual
 * place.
 */
public record AppDirs(Path state, Path logs, Path settings, Path cache) {

    public static AppDirs of(Os os, Map<String, String> env, Path home) {
        if (os.isMac()) {
            Path support = home.resolve("Library/Application Support/aws-mfa-agent");
            return new AppDirs(
                    support,
                    home.resolve("Library/Logs/aws-mfa-agent"),
                    support.resolve("agent.properties"),
                    home.resolve("Library/Caches/aws-mfa-agent"));
        }
        if (os.isWindows()) {
            String local = env.get("LOCALAPPDATA");
            Path base = (local == null || local.isBlank() ? home.resolve("AppData/Local") : Path.of(local))
                    .resolve("aws-mfa-agent");
            return new AppDirs(base, base.resolve("logs"), base.resolve("agent.properties"), base.resolve("cache"));
        }
        Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("aws-mfa-agent");
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("aws-mfa-agent");
        Path cache = xdg(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve("aws-mfa-agent");
        return new AppDirs(state, state, config.resolve("agent.properties"), cache);
    }

    /** The home folder as the AWS CLI sees it: $HOME, else %USERPROFILE%, else the account's home. */
    public static Path userHome(Map<String, String> env) {
        for (String name : new String[] {"HOME", "USERPROFILE"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return Path.of(v);
            }
        }
        return Path.of(System.getProperty("user.home"));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        // The XDG spec says relative paths are invalid and must be ignored.
        return v == null || v.isBlank() || !Path.of(v).isAbsolute() ? fallback : Path.of(v);
    }

    /** Creates {@code dir} (and missing parents) owner-only: logs and the lock are nobody else's business. */
    public static Path ensurePrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        return dir;
    }
}
