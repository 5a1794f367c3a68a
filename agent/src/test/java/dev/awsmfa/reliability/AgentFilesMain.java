package dev.awsmfa.reliability;

import dev.awsmfa.agent.AgentLog;
import dev.awsmfa.agent.FirstRunOffer;
import dev.awsmfa.agent.SingleInstance;
import dev.awsmfa.autostart.AutoStart;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * For the modes test: makes the tray agent's own files the way the agent does, in a JVM the test starts under
 * umask 000 (so a file's mode is exactly what the code asked for): the log (written past two rotations), the
 * single-instance lock, and the "start at login offered" marker.
 *
 * <p>Usage: {@code AgentFilesMain STATE_DIR LOG_DIR}.
 */
public final class AgentFilesMain {
    private AgentFilesMain() {}

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Path logs = Path.of(args[1]);
        AgentLog.start(logs);
        Logger log = Logger.getLogger("dev.awsmfa.reliability");
        String line = "a log line of a kilobyte " + "x".repeat(1000);
        for (int i = 0; i < 2500; i++) {
            log.info(line);
        }
        Optional<SingleInstance> lock = SingleInstance.acquire(state);
        FirstRunOffer.offerOnce(
                state,
                new AutoStart() {
                    @Override
                    public String describe() {
                        return "nowhere";
                    }

                    @Override
                    public boolean isEnabled() {
                        return false;
                    }

                    @Override
                    public void enable(boolean overrideUserSwitchOff) {}

                    @Override
                    public void disable() {}
                },
                () -> false);
        System.out.println(lock.isPresent() ? "done" : "no lock");
    }
}
