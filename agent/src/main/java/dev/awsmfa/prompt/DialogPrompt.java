package dev.awsmfa.prompt;

import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-shot dialog helper (zenity, kdialog, osascript): shows the request, prints the code on stdout and
 * exits 0, or exits non-zero when cancelled. Each rejected code opens a new dialog with the reason.
 */
abstract class DialogPrompt extends LinePrompt implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DialogPrompt.class);

    /** A dialog nobody answers is closed after this and counts as "later": the user is away. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    static final int MAX_CODES = 3;

    private final ProcessRunner runner;
    private final Duration timeout;
    /** The thread waiting for the helper now, if any: {@link #close} interrupts it, which ends the helper. */
    private volatile Thread asking;

    private volatile boolean closed;

    DialogPrompt(ProcessRunner runner, Duration timeout) {
        super(MAX_CODES);
        this.runner = runner;
        this.timeout = timeout;
    }

    /** The helper's command line: the request's text may go there, a code never does. */
    abstract List<String> argv(CodeRequest request);

    /**
     * Closes the dialog open now, if any (the runner kills the helper when its wait is interrupted): its session
     * was renewed elsewhere, or the agent stops.
     */
    @Override
    public void close() {
        Thread t = asking;
        if (t != null) {
            closed = true;
            t.interrupt();
        }
    }

    /** Most helpers exit 1 on Cancel or when the window is closed. */
    boolean cancelled(ProcessResult result) {
        return result.exitCode() == 1;
    }

    @Override
    protected final Optional<String> read(CodeRequest request) throws PromptException {
        List<String> argv = argv(request);
        String tool = argv.get(0);
        ProcessResult result;
        closed = false;
        asking = Thread.currentThread();
        try {
            result = runner.run(argv, timeout);
        } catch (ProcessRunner.TimedOut e) {
            LOG.info("The {} MFA dialog got no answer within {} min; asking again later", tool, timeout.toMinutes());
            return Optional.empty();
        } catch (IOException e) {
            if (closed) {
                return Optional.empty(); // closed by us: as a Cancel, which the agent does not count as a snooze
            }
            throw new PromptException("cannot run " + tool + " to ask for the MFA code: " + e.getMessage());
        } finally {
            asking = null;
            if (closed) {
                Thread.interrupted(); // ours, not the caller's: a later file read must not fail on it
            }
        }
        if (result.exitCode() == 0) {
            return Optional.of(result.lastLine());
        }
        if (cancelled(result)) {
            return Optional.empty();
        }
        // stdout is not quoted: it is where the code would have been
        throw new PromptException(
                tool + " failed with exit code " + result.exitCode() + " while asking for the MFA code");
    }
}
