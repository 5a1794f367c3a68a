package dev.awsmfa.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The one way the agent runs other programs: start-at-login tools, prompts and code helpers, notifications and
 * the file opener. Injected so tests see the exact command and script the answer.
 */
public interface ProcessRunner {

    /**
     * Runs the program to its end, or until its timeout.
     *
     * @throws TimedOut    when it did not finish in time; it was killed with its children
     * @throws IOException when it cannot start, or the wait was interrupted
     */
    ProcessResult run(Command command) throws IOException;

    /** Starts a program that stays after we return (an editor); its output is discarded. */
    void launch(Command command) throws IOException;

    default ProcessResult run(List<String> argv) throws IOException {
        return run(Command.of(argv));
    }

    default ProcessResult run(List<String> argv, Duration timeout) throws IOException {
        return run(Command.of(argv).timeout(timeout));
    }

    /** The program did not finish in time; separate so a prompt can say "no answer within 60 s". */
    final class TimedOut extends IOException {
        public TimedOut(String program, Duration timeout) {
            super(program + " did not finish within " + timeout.toSeconds() + " s");
        }
    }
}
