package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.SystemProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LaunchAgentAutoStart")
class LaunchAgentAutoStartTest {

    static final LaunchCommand AWKWARD = new LaunchCommand(List.of(
            "/Applications/AWS MFA Agent.app/Contents/MacOS/AWS MFA Agent",
            "-Dname=Tom & Jerry <cartoons>",
            "/Users/josé/日本/]]> \"quoted\" 'single'.jar"));

    @TempDir
    Path home;

    final FakeProcessRunner runner = new FakeProcessRunner();

    private LaunchAgentAutoStart autoStart(LaunchCommand launch) {
        return new LaunchAgentAutoStart(home, () -> "501", runner, launch);
    }

    private Path plist() {
        return home.resolve("Library/LaunchAgents/dev.awsmfa.agent.plist");
    }

    /** The plist as Python's plistlib reads it, re-encoded as JSON so Java can compare values. */
    private String plistlibJson() throws IOException {
        Path python = RequiredTool.find("python3", "python3");
        ProcessResult result = new SystemProcessRunner(Os.current())
                .run(List.of(
                        python.toString(),
                        "-c",
                        "import plistlib,sys,json; d=plistlib.load(open(sys.argv[1],'rb')); print(json.dumps(d, sort_keys=True))",
                        plist().toString()));
        assertEquals(0, result.exitCode(), result.stderr());
        return result.stdout().strip();
    }

    @Nested
    @DisplayName("writes a property list that")
    class GeneratedPlist {

        @Test
        @DisplayName(
                "plistlib parses strictly, with the label, the argv (& < and non-ASCII included), RunAtLoad and a crash-only KeepAlive")
        void parsesWithPlistlib() throws Exception {
            autoStart(AWKWARD).enable(false);

            assertEquals(
                    "{\"KeepAlive\": {\"SuccessfulExit\": false}, \"Label\": \"dev.awsmfa.agent\", "
                            + "\"ProcessType\": \"Interactive\", \"ProgramArguments\": ["
                            + "\"/Applications/AWS MFA Agent.app/Contents/MacOS/AWS MFA Agent\", "
                            + "\"-Dname=Tom & Jerry <cartoons>\", "
                            + "\"/Users/jos\\u00e9/\\u65e5\\u672c/]]> \\\"quoted\\\" 'single'.jar\"], "
                            + "\"RunAtLoad\": true}",
                    plistlibJson());
        }

        @Test
        @DisplayName("carries Apple's plist DOCTYPE and never KeepAlive=true")
        void hasDoctypeAndNoKeepAliveTrue() throws Exception {
            autoStart(AWKWARD).enable(false);

            String xml = Files.readString(plist());

            assertTrue(
                    xml.contains("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                            + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">"),
                    xml);
            assertFalse(xml.matches("(?s).*<key>KeepAlive</key>\\s*<true/>.*"), xml);
        }
    }

    @Nested
    @DisplayName("enable, isEnabled and disable")
    class RoundTrip {

        @Test
        @DisplayName(
                "enable writes ~/Library/LaunchAgents/dev.awsmfa.agent.plist, enables the label, bootstraps it into gui/<uid>")
        void enableWritesAndBootstraps() throws Exception {
            LaunchAgentAutoStart autoStart = autoStart(AWKWARD);

            autoStart.enable(false);

            assertTrue(Files.isRegularFile(plist()));
            assertEquals(plist().toString(), autoStart.describe());
            assertEquals(
                    List.of(
                            List.of("launchctl", "enable", "gui/501/dev.awsmfa.agent"),
                            List.of("launchctl", "bootstrap", "gui/501", plist().toString())),
                    runner.calls);
            assertTrue(autoStart.isEnabled());
        }

        @Test
        @DisplayName(
                "disable marks the label disabled (never bootout, which would stop the running agent) and deletes the file")
        void disableBootsOutAndDeletes() throws Exception {
            LaunchAgentAutoStart autoStart = autoStart(AWKWARD);
            autoStart.enable(false);
            runner.calls.clear();

            autoStart.disable();

            assertEquals(List.of(List.of("launchctl", "disable", "gui/501/dev.awsmfa.agent")), runner.calls);
            assertFalse(Files.exists(plist()));
            assertFalse(autoStart.isEnabled());
        }

        @Test
        @DisplayName("a failing launchctl (already loaded, not loaded) does not fail enable or disable")
        void toleratesLaunchctlExitCodes() throws Exception {
            ProcessResult ioError = new ProcessResult(5, "", "Bootstrap failed: 5: Input/output error\n");
            runner.answer(List.of("launchctl", "bootstrap", "gui/501", plist().toString()), ioError)
                    .answer(List.of("launchctl", "disable", "gui/501/dev.awsmfa.agent"), ioError);
            LaunchAgentAutoStart autoStart = autoStart(AWKWARD);

            autoStart.enable(false);
            assertTrue(autoStart.isEnabled());
            autoStart.disable();
            assertFalse(autoStart.isEnabled());
        }

        @Test
        @DisplayName("an unknown user id fails with one clear line")
        void uidFailure() {
            LaunchAgentAutoStart autoStart = new LaunchAgentAutoStart(
                    home,
                    () -> {
                        throw new UncheckedIOException(new IOException("id -u failed: no such user"));
                    },
                    runner,
                    AWKWARD);

            AutoStartException e = assertThrows(AutoStartException.class, () -> autoStart.enable(false));

            assertEquals("Could not find the user id for launchctl: id -u failed: no such user", e.getMessage());
        }
    }

    @Nested
    @DisplayName("honours a Disabled key")
    class UserSwitchOff {

        private void writeDisabled() throws Exception {
            autoStart(AWKWARD).enable(false);
            Files.writeString(
                    plist(),
                    Files.readString(plist())
                            .replace(
                                    "<dict>\n\t<key>Label</key>",
                                    "<dict>\n\t<!-- switched off -->\n\t<key>Disabled</key>\n\t<true/>\n\t<key>Label</key>"));
            runner.calls.clear();
        }

        @Test
        @DisplayName("which reads as disabled")
        void readsAsDisabled() throws Exception {
            writeDisabled();
            assertFalse(autoStart(AWKWARD).isEnabled());
        }

        @Test
        @DisplayName("set to false, which reads as enabled")
        void falseIsEnabled() throws Exception {
            autoStart(AWKWARD).enable(false);
            Files.writeString(
                    plist(),
                    Files.readString(plist())
                            .replace("<key>Label</key>", "<key>Disabled</key><false/><key>Label</key>"));
            assertTrue(autoStart(AWKWARD).isEnabled());
        }

        @Test
        @DisplayName("which enable without override refuses to undo, saying where and how, and runs nothing")
        void enableRefuses() throws Exception {
            writeDisabled();

            AutoStartException e = assertThrows(
                    AutoStartException.class, () -> autoStart(AWKWARD).enable(false));

            assertEquals(
                    "Start at login was switched off by the user in " + plist()
                            + " (Disabled=true); pass --force to turn it back on",
                    e.getMessage());
            assertEquals(List.of(), runner.calls);
        }

        @Test
        @DisplayName("which enable with override rewrites without it")
        void overrideRewrites() throws Exception {
            writeDisabled();
            LaunchAgentAutoStart autoStart = autoStart(AWKWARD);

            autoStart.enable(true);

            assertTrue(autoStart.isEnabled());
            assertFalse(Files.readString(plist()).contains("Disabled"));
        }

        @Test
        @DisplayName("and reports a file that is not an XML property list in one line")
        void unreadablePlist() throws Exception {
            Files.createDirectories(plist().getParent());
            Files.write(plist(), new byte[] {'b', 'p', 'l', 'i', 's', 't', '0', '0', 1, 2});

            AutoStartException e = assertThrows(
                    AutoStartException.class, () -> autoStart(AWKWARD).isEnabled());

            assertTrue(
                    e.getMessage().startsWith("Could not read " + plist() + " as an XML property list: "),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
