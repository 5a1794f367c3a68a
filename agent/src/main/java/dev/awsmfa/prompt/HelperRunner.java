package dev.awsmfa.prompt;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a helper program to completion with no input: a dialog (zenity, osascript), an mfa_process command,
 * or a notification tool. Injected so tests see the exact argv and script the answer.
 */
@FunctionalInterface
public interface HelperRunner {

    /**
     * @throws TimedOut    when it did not finish within {@code timeout}; it was killed with its children
     * @throws IOException when it cannot start, or the wait was interrupted
     */
    HelperResult run(List<String> argv, Duration timeout) throws IOException;

    /** The helper did not finish in time; separate so a prompt can say "no answer within 60 s". */
    final class TimedOut extends IOException {
        public TimedOut(String program, Duration timeout) {
            super(program + " did not finish within " + timeout.toSeconds() + " s");
        }
    }
}
