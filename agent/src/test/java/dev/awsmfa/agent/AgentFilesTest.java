package dev.awsmfa.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.platform.AppDirs;
import dev.awsmfa.platform.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own files: where they go, their modes, the single-instance lock, settings, first-run offer. */
class AgentFilesTest {

    @TempDir
    Path home;

    @Test
    @DisplayName("each platform's usual place: XDG state on Linux, Library on macOS, LOCALAPPDATA on Windows")
    void dirs() {
        assertEquals(
                home.resolve(".local/state/aws-mfa-agent"),
                AppDirs.of(Os.LINUX, Map.of(), home).logs());
        assertEquals(
                Path.of("/x/state/aws-mfa-agent"),
                AppDirs.of(Os.LINUX, Map.of("XDG_STATE_HOME", "/x/state"), home).state());
        assertEquals(
                home.resolve(".config/aws-mfa-agent/agent.properties"),
                AppDirs.of(Os.LINUX, Map.of("XDG_CONFIG_HOME", "rel"), home).settings());
        assertEquals(
                home.resolve("Library/Logs/aws-mfa-agent"),
                AppDirs.of(Os.MAC, Map.of(), home).logs());
        assertEquals(
                Path.of("C:/u/AppData/Local").resolve("aws-mfa-agent").resolve("logs"),
                AppDirs.of(Os.WINDOWS, Map.of("LOCALAPPDATA", "C:/u/AppData/Local"), home)
                        .logs());
    }

    @Test
    @DisplayName("one agent per user: a second acquire fails while the first holds the lock, and status sees its pid")
    void singleInstance() throws Exception {
        Path state = home.resolve("state");
        try (SingleInstance first = SingleInstance.acquire(state).orElseThrow()) {
            assertTrue(SingleInstance.acquire(state).isEmpty());
            assertEquals(Optional.of(ProcessHandle.current().pid()), SingleInstance.running(state));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("agent.lock"))));
        }
        assertEquals(Optional.empty(), SingleInstance.running(state));
        assertTrue(SingleInstance.acquire(state).isPresent());
    }

    @Test
    @DisplayName("the log rotates by size and every log file is 0600")
    void privateRotatingLog() throws Exception {
        Path file = home.resolve("agent.log");
        PrivateLogHandler handler = new PrivateLogHandler(file, 2_000, 3);
        for (int i = 0; i < 200; i++) {
            handler.publish(new LogRecord(Level.INFO, "renewed dev until 12:00, line " + i));
        }
        handler.close();
        List<Path> logs;
        try (Stream<Path> s = Files.list(home)) {
            logs = s.sorted().toList();
        }
        assertEquals(
                List.of(file, home.resolve("agent.log.1"), home.resolve("agent.log.2"), home.resolve("agent.log.3")),
                logs);
        for (Path log : logs) {
            assertEquals(
                    "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)), log.toString());
            assertTrue(Files.size(log) < 2_200, log + " is bounded");
        }
        assertTrue(Files.readString(file).contains("line 199"));
    }

    @Test
    @DisplayName("settings: the file, then environment variables over it; a bad lead falls back to 10 minutes, said")
    void settings() throws Exception {
        Path file = home.resolve("agent.properties");
        Files.writeString(file, "lead_minutes = 25\nprompt = zenity\n");
        Settings s = Settings.load(file, Map.of("AWS_MFA_AGENT_PROMPT", "terminal"));
        assertEquals(Duration.ofMinutes(25), s.lead());
        assertEquals(Optional.of("terminal"), s.prompt());
        Settings bad = Settings.load(file, Map.of("AWS_MFA_AGENT_LEAD_MINUTES", "soon"));
        assertEquals(Duration.ofMinutes(10), bad.lead());
        assertEquals("AWS_MFA_AGENT_LEAD_MINUTES", bad.problems().get(0).key());
        assertEquals(
                Settings.DEFAULT_LEAD,
                Settings.load(home.resolve("missing"), Map.of()).lead());
    }

    @Test
    @DisplayName("start at login is offered once; the answer is remembered")
    void firstRunOffer() {
        FakeAutoStart auto = new FakeAutoStart();
        AtomicInteger asked = new AtomicInteger();
        FirstRunOffer.offerOnce(home, auto, () -> asked.incrementAndGet() > 0);
        FirstRunOffer.offerOnce(home, auto, () -> asked.incrementAndGet() > 0);
        assertEquals(1, asked.get());
        assertTrue(auto.enabled);
        auto.enabled = false;
        FirstRunOffer.offerOnce(home, auto, () -> asked.incrementAndGet() > 0);
        assertEquals(1, asked.get(), "a later switch-off is the user's choice: not asked again");
        assertFalse(auto.enabled);
    }

    static final class FakeAutoStart implements AutoStart {
        boolean enabled;

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public boolean isEnabled() {
            return enabled;
        }

        @Override
        public void enable(boolean overrideUserSwitchOff) {
            enabled = true;
        }

        @Override
        public void disable() {
            enabled = false;
        }
    }
}
