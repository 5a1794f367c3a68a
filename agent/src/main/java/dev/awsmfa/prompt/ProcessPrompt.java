package dev.awsmfa.prompt;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A profile's {@code mfa_process} (as in aws-vault): a command line that prints the code, such as
 * {@code ykman oath accounts code --single NAME}; the last non-blank line of its output is the code.
 * Nothing it prints on stdout is ever shown or logged: any of it may be a code. When it fails, the last line it
 * wrote to stderr (where tools say why; digit runs masked) is quoted, and the failure is a
 * {@link HelperFailedException}, not a cancellation.
 */
public final class ProcessPrompt implements CodePrompt {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessPrompt.class);

    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Past the step boundary, since the helper's clock (a YubiKey's host, a phone) may lag ours a little. */
    static final Duration STEP_MARGIN = Duration.ofSeconds(1);
    /** A second code from the same generator is the most that can help: a third rejection is not a timing issue. */
    static final int MAX_CODES = 2;

    private final String command;
    private final List<String> argv;
    private final ProcessRunner runner;
    private final Duration timeout;
    private final Clock clock;
    private final TotpStep.Sleeper sleeper;

    public ProcessPrompt(String command, Os os, ProcessRunner runner) {
        this(command, os, runner, TIMEOUT, Clock.systemUTC(), TotpStep.Sleeper.REAL);
    }

    public ProcessPrompt(
            String command, Os os, ProcessRunner runner, Duration timeout, Clock clock, TotpStep.Sleeper sleeper) {
        this.command = command;
        this.argv = os.isWindows() ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
        this.runner = runner;
        this.timeout = timeout;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The argv we run: the user's own command line goes to the shell as written. */
    public List<String> argv() {
        return argv;
    }

    @Override
    public boolean ask(CodeRequest request, CodeAttempt attempt) throws PromptException {
        for (int i = 0; i < MAX_CODES; i++) {
            String code = runOnce();
            Instant printed = clock.instant();
            if (!(attempt.submit(code) instanceof CodeAttempt.Verdict.TryAgain again)) {
                return true;
            }
            if (i + 1 < MAX_CODES) {
                // AWS refuses a code used once, and the generator prints the same one until the step ends.
                Duration wait = untilNextStep(printed);
                LOG.info(
                        "The code from mfa_process ({}) was not accepted ({}); running it again in {} s, in the next 30-second step",
                        program(),
                        again.reason(),
                        wait.toSeconds());
                sleep(wait);
            }
        }
        return true;
    }

    /** How long from {@code printed} until a TOTP generator shows a new code (the next 30-second step, plus a margin). */
    static Duration untilNextStep(Instant printed) {
        return Duration.between(printed, TotpStep.next(printed)).plus(STEP_MARGIN);
    }

    private String runOnce() throws PromptException {
        ProcessResult result;
        try {
            result = runner.run(argv, timeout);
        } catch (ProcessRunner.TimedOut e) {
            // Nobody touched the key or answered the helper: like a dialog left alone, not a broken helper.
            throw new PromptException(
                    "mfa_process (" + program() + ") printed no code within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new HelperFailedException("cannot run mfa_process (" + program() + "): " + e.getMessage());
        }
        if (result.exitCode() != 0) {
            throw new HelperFailedException("mfa_process (" + program() + ") failed with exit code " + result.exitCode()
                    + ": " + result.lastErrorLine().orElse("it printed no error message"));
        }
        String code = MfaCode.normalize(result.lastLine());
        if (code == null) {
            throw new HelperFailedException(
                    "mfa_process (" + program() + ") did not print a 6-digit code on its last line"
                            + result.lastErrorLine()
                                    .map(line -> " (it said: " + line + ")")
                                    .orElse(""));
        }
        return code;
    }

    private void sleep(Duration wait) throws PromptException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromptException("interrupted while waiting for the next code from mfa_process");
        }
    }

    /** The command's first word: names the tool in messages without repeating its arguments (which may hold a secret seed). */
    private String program() {
        String stripped = command.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(0, space);
    }
}
