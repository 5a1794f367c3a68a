package dev.awsmfa.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SystemProcessRunner")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "runs POSIX sh, sleep and printf")
class SystemProcessRunnerTest {

    final SystemProcessRunner runner = new SystemProcessRunner(Os.current());

    @TempDir
    Path dir;

    @Test
    @DisplayName("returns the exit code, stdout and stderr")
    void capturesOutput() throws Exception {
        assertEquals(
                new ProcessResult(3, "out\n", "err\n"),
                runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3")));
    }

    @Test
    @DisplayName("passes each argument as is, with no shell in between")
    void passesArgumentsVerbatim() throws Exception {
        ProcessResult result = runner.run(List.of("printf", "%s|", "a b", "\"q\"", "$HOME", "", "日本"));
        assertEquals("a b|\"q\"|$HOME||日本|", result.stdout());
    }

    @Test
    @DisplayName("gives the program an empty stdin instead of waiting for input")
    void closesStdin() throws Exception {
        assertEquals(new ProcessResult(0, "done\n", ""), runner.run(List.of("sh", "-c", "cat; echo done")));
    }

    @Test
    @DisplayName("hands a secret on stdin, never in argv, and closes it after")
    void secretOnStdin() throws Exception {
        Command command = Command.of("sh", "-c", "read code; printf '%s' \"$code\" | wc -c; cat")
                .stdin("246802\n");
        assertEquals(new ProcessResult(0, "6\n", ""), runner.run(command));
        assertFalse(command.toString().contains("246802"), command.toString());
        assertFalse(command.argv().toString().contains("246802"));
    }

    @Test
    @DisplayName("adds the given variables to the program's environment")
    void environment() throws Exception {
        ProcessResult r = runner.run(Command.of("sh", "-c", "printf %s \"$AWS_MFA_AGENT_TEST_VAR\"")
                .env(Map.of("AWS_MFA_AGENT_TEST_VAR", "x y")));
        assertEquals("x y", r.stdout());
    }

    @Test
    @DisplayName("kills a program that outlives the timeout, with the children holding its output, and says so")
    void killsOnTimeout() throws Exception {
        Path pidFile = dir.resolve("pid");
        long start = System.nanoTime();
        IOException e = assertThrows(
                ProcessRunner.TimedOut.class,
                () -> runner.run(
                        List.of("sh", "-c", "sleep 30 & echo $! > '" + pidFile + "'; wait"), Duration.ofMillis(500)));
        assertEquals("sh did not finish within 0 s", e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
        long sleeper = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0;
                i < 50 && ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false);
                i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false), "the child sleep was killed");
    }

    @Test
    @DisplayName("keeps at most the output limit per stream, reads the rest, and says it was cut")
    void outputLimit() throws Exception {
        ProcessResult r = runner.run(Command.of("sh", "-c", "head -c 3000000 /dev/zero | tr '\\\\0' x; echo done >&2")
                .timeout(Duration.ofSeconds(20)));
        assertEquals(SystemProcessRunner.OUTPUT_LIMIT, r.stdout().length());
        assertEquals("done\n", r.stderr());
        assertTrue(r.truncated());
    }

    @Test
    @DisplayName("throws IOException for a program that does not exist")
    void missingProgram() {
        assertThrows(IOException.class, () -> runner.run(List.of("/nonexistent/aws-mfa-agent-no-such-tool")));
    }

    @Test
    @DisplayName("starts a program that outlives the call, without waiting for it")
    void launch() throws Exception {
        Path marker = dir.resolve("launched");
        long start = System.nanoTime();
        runner.launch(Command.of("sh", "-c", "sleep 1; touch '" + marker + "'"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 900, "returned before the program ended");
        for (int i = 0; i < 100 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(marker), "the program ran");
    }
}
