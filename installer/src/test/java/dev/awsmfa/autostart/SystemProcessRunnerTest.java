package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisplayName("SystemProcessRunner")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "runs POSIX sh, sleep and printf")
class SystemProcessRunnerTest {

    final SystemProcessRunner runner = new SystemProcessRunner();

    @Test
    @DisplayName("returns the exit code, stdout and stderr")
    void capturesOutput() throws Exception {
        assertEquals(new ProcessResult(3, "out\n", "err\n"),
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
        assertEquals(new ProcessResult(0, "", ""), runner.run(List.of("cat")));
    }

    @Test
    @DisplayName("kills a program that outlives the timeout and says so")
    void killsOnTimeout() {
        SystemProcessRunner impatient = new SystemProcessRunner(Duration.ofSeconds(1), "Linux");
        long start = System.nanoTime();

        IOException e = assertThrows(IOException.class, () -> impatient.run(List.of("sleep", "30")));

        assertEquals("sleep did not finish within 1 s", e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }

    @Test
    @DisplayName("throws IOException for a program that does not exist")
    void missingProgram() {
        assertThrows(IOException.class, () -> runner.run(List.of("/nonexistent/aws-mfa-agent-no-such-tool")));
    }

    @Test
    @DisplayName("summarises a failure by the first non-blank line of stderr, else stdout")
    void errorLine() {
        assertEquals("ERROR: Access is denied.", new ProcessResult(1, "out", "\r\n  ERROR: Access is denied.\r\nmore").errorLine());
        assertEquals("out", new ProcessResult(1, "out\n", "").errorLine());
        assertEquals("no output", new ProcessResult(1, "", " \n").errorLine());
    }
}
