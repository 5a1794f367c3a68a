package dev.awsmfa.agent;

import dev.awsmfa.platform.AppDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Sends all logging (ours, Quartz's, the SDK's, through slf4j-jdk14) to the private rotated log file. */
public final class AgentLog {
    /** JUL holds loggers weakly: without these references the levels set below could be forgotten. */
    private static final java.util.List<Logger> QUIETED = new java.util.ArrayList<>();

    private AgentLog() {}

    public static Path start(Path logDir) throws IOException {
        AppDirs.ensurePrivate(logDir);
        Path file = logDir.resolve("agent.log");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new PrivateLogHandler(file, 1024 * 1024, 3);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        // Libraries speak only when something is wrong; the SDK could otherwise log request details.
        for (String noisy : new String[] {"org.quartz", "software.amazon", "dorkbox", "com.dorkbox"}) {
            Logger logger = Logger.getLogger(noisy);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
        return file;
    }
}
