package dev.awsmfa.agent;

import dev.awsmfa.platform.Command;
import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a file in the user's default application: the platform's own opener command. */
public final class FileOpener {
    private static final Logger log = LoggerFactory.getLogger(FileOpener.class);

    private FileOpener() {}

    static List<String> command(Os os, Path file) {
        return switch (os) {
            case MAC -> List.of("open", "-t", file.toString());
            case WINDOWS -> List.of("notepad.exe", file.toString());
            default -> List.of("xdg-open", file.toString());
        };
    }

    /** Starts the opener and returns: an editor stays open as long as the user likes. */
    public static void open(ProcessRunner runner, Os os, Path file) {
        try {
            runner.launch(Command.of(command(os, file)));
        } catch (IOException e) {
            log.warn("cannot open {}: {}", file, e.getMessage());
        }
    }
}
