package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemHelperRunnerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void unix() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    }

    @Test
    @DisplayName("returns the exit code, stdout and stderr")
    void captures() throws Exception {
        HelperResult r = new SystemHelperRunner().run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 4"), Duration.ofSeconds(10));
        assertEquals(new HelperResult(4, "out\n", "err\n"), r);
    }

    @Test
    @DisplayName("adds the given variables to the helper's environment")
    void environment() throws Exception {
        HelperResult r = new SystemHelperRunner(Map.of("AWS_MFA_AGENT_TEST_VAR", "x y"))
                .run(List.of("/bin/sh", "-c", "printf %s \"$AWS_MFA_AGENT_TEST_VAR\""), Duration.ofSeconds(10));
        assertEquals("x y", r.stdout());
    }

    @Test
    @DisplayName("gives the helper no input: one reading stdin gets end-of-file, not a hang")
    void noInput() throws Exception {
        HelperResult r = new SystemHelperRunner().run(List.of("/bin/sh", "-c", "cat; echo done"), Duration.ofSeconds(10));
        assertEquals("done\n", r.stdout());
    }

    @Test
    @DisplayName("kills a helper that overruns its timeout, with the children holding its output")
    void timeoutKillsTree() throws Exception {
        Path pidFile = dir.resolve("pid");
        long start = System.nanoTime();
        assertThrows(HelperRunner.TimedOut.class, () -> new SystemHelperRunner().run(
                List.of("/bin/sh", "-c", "sleep 30 & echo $! > '" + pidFile + "'; wait"), Duration.ofMillis(500)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
        long sleeper = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false), "the child sleep was killed");
    }

    @Test
    @DisplayName("never shows stdout, which may be a code, in toString")
    void toStringHidesStdout() {
        String shown = new HelperResult(0, "123456\n", "").toString();
        assertFalse(shown.contains("123456"), shown);
    }

    @Test
    @DisplayName("finds the last non-blank line of stdout")
    void lastLine() {
        assertEquals("123456", new HelperResult(0, "Touch\r\n 123456 \r\n\r\n", "").lastLine());
        assertEquals("", new HelperResult(0, "", "").lastLine());
    }
}
