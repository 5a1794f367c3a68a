package dev.awsmfa.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a file in the user's default application: the platform's own opener command. */
public final class FileOpener {
    private static final Logger log = LoggerFactory.getLogger(FileOpener.class);

    private FileOpener() {}

    static List<String> command(String osName, Path file) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return List.of("open", "-t", file.toString());
        }
        if (os.startsWith("windows")) {
            return List.of("notepad.exe", file.toString());
        }
        return List.of("xdg-open", file.toString());
    }

    public static void open(String osName, Path file) {
        try {
            new ProcessBuilder(command(osName, file)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            log.warn("cannot open {}: {}", file, e.getMessage());
        }
    }
}
