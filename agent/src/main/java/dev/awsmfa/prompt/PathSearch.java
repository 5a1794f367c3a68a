package dev.awsmfa.prompt;

import dev.awsmfa.platform.Os;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Whether a program is on PATH, as the shell would find it (with PATHEXT's extensions on Windows). */
public final class PathSearch implements Predicate<String> {
    private final List<String> folders;
    private final List<String> extensions;

    public PathSearch(Map<String, String> env, Os os) {
        boolean windows = os.isWindows();
        String path = env.getOrDefault(windows ? pathKey(env) : "PATH", "");
        this.folders = List.of(path.split(windows ? ";" : ":"));
        this.extensions = windows
                ? List.of(env.getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD")
                        .toLowerCase(Locale.ROOT)
                        .split(";"))
                : List.of("");
    }

    // Windows keeps the variable as "Path"; System.getenv() is case-insensitive there, a copied map is not.
    private static String pathKey(Map<String, String> env) {
        return env.keySet().stream()
                .filter(k -> k.equalsIgnoreCase("PATH"))
                .findFirst()
                .orElse("PATH");
    }

    @Override
    public boolean test(String program) {
        for (String folder : folders) {
            if (folder.isBlank()) {
                continue;
            }
            for (String ext : extensions) {
                try {
                    Path candidate = Path.of(folder, program + ext);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return true;
                    }
                } catch (InvalidPathException e) {
                    // a malformed PATH entry holds nothing
                }
            }
        }
        return false;
    }
}
