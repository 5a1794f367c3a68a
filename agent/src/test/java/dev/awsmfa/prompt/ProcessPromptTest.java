package dev.awsmfa.prompt;

import static dev.awsmfa.prompt.ScriptedAttempt.accepted;
import static dev.awsmfa.prompt.ScriptedAttempt.giveUp;
import static dev.awsmfa.prompt.ScriptedAttempt.tryAgain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.SystemProcessRunner;
import dev.awsmfa.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProcessPromptTest {

    static final CodeRequest REQUEST = CodeRequestTest.TWO_PROFILES;

    @Nested
    @DisplayName("with a real shell")
    class RealShell {
        {
            assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        }

        ProcessPrompt prompt(String command, Duration timeout) {
            return new ProcessPrompt(
                    command, Os.LINUX, new SystemProcessRunner(Os.LINUX), timeout, Clock.systemUTC(), d -> {});
        }

        @Test
        @DisplayName("takes the code a command prints")
        void printsCode() throws Exception {
            ScriptedAttempt attempt = new ScriptedAttempt(accepted());
            assertTrue(prompt("printf '123456\\n'", Duration.ofSeconds(10)).ask(REQUEST, attempt));
            assertEquals(List.of("123456"), attempt.codes);
        }

        @Test
        @DisplayName("takes the last non-blank line, after what a tool says first (\"Touch your YubiKey...\")")
        void lastLine() throws Exception {
            ScriptedAttempt attempt = new ScriptedAttempt(accepted());
            prompt("printf 'Touch your YubiKey...\\n  654321  \\n\\n'", Duration.ofSeconds(10))
                    .ask(REQUEST, attempt);
            assertEquals(List.of("654321"), attempt.codes);
        }

        @Test
        @DisplayName("reports a failing command by its exit code and its own last error line, never by its stdout")
        void failing() {
            PromptException e = assertThrows(
                    HelperFailedException.class,
                    () -> prompt(
                                    "printf '987654\\n'; echo 'checking key' >&2; echo 'ERROR: No YubiKey detected!' >&2; echo >&2; exit 3",
                                    Duration.ofSeconds(10))
                            .ask(REQUEST, new ScriptedAttempt()));
            assertEquals("mfa_process (printf) failed with exit code 3: ERROR: No YubiKey detected!", e.getMessage());
            assertFalse(e.getMessage().contains("987654"));
        }

        @Test
        @DisplayName("masks anything in the error line that could be a code, and says when there was none")
        void errorLineMasked() {
            PromptException e = assertThrows(
                    HelperFailedException.class,
                    () -> prompt("echo 'token 246802 refused' >&2; exit 1", Duration.ofSeconds(10))
                            .ask(REQUEST, new ScriptedAttempt()));
            assertEquals("mfa_process (echo) failed with exit code 1: token ****** refused", e.getMessage());
            e = assertThrows(
                    HelperFailedException.class,
                    () -> prompt("exit 4", Duration.ofSeconds(10)).ask(REQUEST, new ScriptedAttempt()));
            assertEquals("mfa_process (exit) failed with exit code 4: it printed no error message", e.getMessage());
        }

        @Test
        @DisplayName("gives up on a command that prints nothing within the timeout, and kills it")
        void timeout() {
            long start = System.nanoTime();
            PromptException e = assertThrows(
                    PromptException.class,
                    () -> prompt("sleep 30", Duration.ofSeconds(1)).ask(REQUEST, new ScriptedAttempt()));
            assertFalse(e instanceof HelperFailedException, "a helper left waiting is not a broken one");
            assertEquals("mfa_process (sleep) printed no code within 1 s", e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "returned promptly");
        }

        @Test
        @DisplayName("refuses output that is not a 6-digit code, without quoting it")
        void notACode() {
            PromptException e = assertThrows(
                    HelperFailedException.class,
                    () -> prompt("echo 'JBSWY3DPEHPK3PXP'", Duration.ofSeconds(10))
                            .ask(REQUEST, new ScriptedAttempt()));
            assertEquals("mfa_process (echo) did not print a 6-digit code on its last line", e.getMessage());
        }
    }

    @Nested
    @DisplayName("the argv")
    class Argv {
        @Test
        @DisplayName("runs the command line through /bin/sh -c on Unix and cmd.exe /c on Windows, as written")
        void shells() {
            String cmd = "ykman oath accounts code --single 'AWS:alice'";
            assertEquals(
                    List.of("/bin/sh", "-c", cmd), new ProcessPrompt(cmd, Os.LINUX, new FakeHelperRunner()).argv());
            assertEquals(List.of("/bin/sh", "-c", cmd), new ProcessPrompt(cmd, Os.MAC, new FakeHelperRunner()).argv());
            assertEquals(
                    List.of("cmd.exe", "/c", cmd), new ProcessPrompt(cmd, Os.WINDOWS, new FakeHelperRunner()).argv());
        }

        @Test
        @DisplayName("waits at most 60 s by default")
        void defaultTimeout() throws Exception {
            FakeHelperRunner runner = new FakeHelperRunner().answer(0, "123456\n", "");
            new ProcessPrompt("x", Os.LINUX, runner).ask(REQUEST, new ScriptedAttempt());
            assertEquals(Duration.ofSeconds(60), runner.calls.get(0).timeout());
        }
    }

    @Nested
    @DisplayName("after a rejected code")
    class Rejected {
        final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:10Z"));
        final List<Duration> slept = new ArrayList<>();
        final FakeHelperRunner runner =
                new FakeHelperRunner().answer(0, "111111\n", "").answer(0, "222222\n", "");
        final ProcessPrompt prompt = new ProcessPrompt(
                "ykman oath accounts code --single aws", Os.LINUX, runner, Duration.ofSeconds(60), clock, d -> {
                    slept.add(d);
                    clock.advance(d);
                });

        @Test
        @DisplayName("waits for the next 30-second step (plus a second) before running the command again")
        void waitsForNextStep() throws Exception {
            ScriptedAttempt attempt = new ScriptedAttempt(tryAgain("That code was wrong or already used."), accepted());
            assertTrue(prompt.ask(REQUEST, attempt));
            assertEquals(List.of(Duration.ofSeconds(21)), slept);
            assertEquals(List.of("111111", "222222"), attempt.codes);
        }

        @Test
        @DisplayName("tries two codes at most")
        void twoCodesAtMost() throws Exception {
            runner.answer(0, "333333\n", "");
            ScriptedAttempt attempt = new ScriptedAttempt(tryAgain("no"), tryAgain("no"), tryAgain("no"));
            assertTrue(prompt.ask(REQUEST, attempt));
            assertEquals(List.of("111111", "222222"), attempt.codes);
            assertEquals(1, slept.size(), "no wait after the last code");
        }

        @Test
        @DisplayName("does not run again when the attempt gives up")
        void givesUp() throws Exception {
            ScriptedAttempt attempt = new ScriptedAttempt(giveUp("access denied"));
            assertTrue(prompt.ask(REQUEST, attempt));
            assertEquals(1, runner.calls.size());
            assertTrue(slept.isEmpty());
        }

        @Test
        @DisplayName("stops with an error when interrupted while waiting")
        void interrupted() {
            ProcessPrompt impatient = new ProcessPrompt("x", Os.LINUX, runner, Duration.ofSeconds(60), clock, d -> {
                throw new InterruptedException();
            });
            assertThrows(PromptException.class, () -> impatient.ask(REQUEST, new ScriptedAttempt(tryAgain("no"))));
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
    }

    @Nested
    @DisplayName("the wait for the next step")
    class NextStep {
        @Test
        @DisplayName("ends a second after the next multiple of 30 s")
        void boundaries() {
            assertEquals(Duration.ofSeconds(21), ProcessPrompt.untilNextStep(Instant.parse("2025-03-01T09:00:10Z")));
            assertEquals(
                    Duration.ofMillis(1500), ProcessPrompt.untilNextStep(Instant.parse("2025-03-01T09:00:29.500Z")));
            assertEquals(Duration.ofSeconds(31), ProcessPrompt.untilNextStep(Instant.parse("2025-03-01T09:00:30Z")));
        }
    }
}
