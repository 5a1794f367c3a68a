package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.SystemProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("XdgAutoStart")
class XdgAutoStartTest {

    static final LaunchCommand LAUNCHER = new LaunchCommand(List.of("/opt/aws-mfa-agent/bin/aws-mfa-agent"));
    static final LaunchCommand AWKWARD_JAR =
            javaJar("/home/josé/日本/My \"Apps\" 100% $HOME `x` \\ (1)/aws-mfa-agent.jar");

    @TempDir
    Path home;

    static LaunchCommand javaJar(String jar) {
        List<String> argv = new ArrayList<>(List.of("/usr/lib/jvm/java-17/bin/java"));
        argv.addAll(LaunchCommand.DEFAULT_JVM_OPTIONS);
        argv.addAll(List.of("-jar", jar));
        return new LaunchCommand(argv);
    }

    private Path configHome() {
        return home.resolve("xdg-config");
    }

    private XdgAutoStart autoStart(LaunchCommand launch) {
        return new XdgAutoStart(home, Map.of("XDG_CONFIG_HOME", configHome().toString()), launch);
    }

    private Path entry() {
        return configHome().resolve("autostart/aws-mfa-agent.desktop");
    }

    private static String execValue(Path desktopFile) throws IOException {
        return Files.readAllLines(desktopFile, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("Exec="))
                .map(line -> line.substring("Exec=".length()))
                .findFirst()
                .orElseThrow();
    }

    @Nested
    @DisplayName("keeps its entry")
    class Location {

        @Test
        @DisplayName("in $XDG_CONFIG_HOME/autostart when XDG_CONFIG_HOME is set")
        void usesXdgConfigHome() {
            assertEquals(entry().toString(), autoStart(LAUNCHER).describe());
        }

        @Test
        @DisplayName("in $HOME/.config/autostart when XDG_CONFIG_HOME is unset")
        void fallsBackToDotConfig() {
            XdgAutoStart autoStart = new XdgAutoStart(home, Map.of(), LAUNCHER);
            assertEquals(home.resolve(".config/autostart/aws-mfa-agent.desktop").toString(), autoStart.describe());
        }

        @Test
        @DisplayName("in $HOME/.config/autostart when XDG_CONFIG_HOME is relative, which the spec says to ignore")
        void ignoresRelativeXdgConfigHome() {
            XdgAutoStart autoStart = new XdgAutoStart(home, Map.of("XDG_CONFIG_HOME", "relative/config"), LAUNCHER);
            assertEquals(home.resolve(".config/autostart/aws-mfa-agent.desktop").toString(), autoStart.describe());
        }
    }

    @Nested
    @DisplayName("enable, isEnabled and disable")
    class RoundTrip {

        @Test
        @DisplayName("enable creates the missing folder and the entry, which then reads as enabled")
        void enableCreatesEntry() throws Exception {
            XdgAutoStart autoStart = autoStart(LAUNCHER);
            assertFalse(autoStart.isEnabled());

            autoStart.enable(false);

            assertTrue(Files.isRegularFile(entry()));
            assertTrue(autoStart.isEnabled());
        }

        @Test
        @DisplayName("disable deletes our file, which then reads as disabled")
        void disableDeletesEntry() throws Exception {
            XdgAutoStart autoStart = autoStart(LAUNCHER);
            autoStart.enable(false);

            autoStart.disable();

            assertFalse(Files.exists(entry()));
            assertFalse(autoStart.isEnabled());
        }

        @Test
        @DisplayName("disable without an entry does nothing")
        void disableWithoutEntry() throws Exception {
            autoStart(LAUNCHER).disable();
            assertFalse(Files.exists(entry()));
        }

        @Test
        @DisplayName("works the same in $HOME/.config when XDG_CONFIG_HOME is unset")
        void roundTripInDotConfig() throws Exception {
            XdgAutoStart autoStart = new XdgAutoStart(home, Map.of(), LAUNCHER);
            Path file = home.resolve(".config/autostart/aws-mfa-agent.desktop");

            autoStart.enable(false);
            assertTrue(Files.isRegularFile(file));
            assertTrue(autoStart.isEnabled());

            autoStart.disable();
            assertFalse(Files.exists(file));
            assertFalse(autoStart.isEnabled());
        }

        @Test
        @DisplayName("enable again rewrites the Exec of an older entry")
        void enableRewrites() throws Exception {
            autoStart(javaJar("/old/place/aws-mfa-agent.jar")).enable(false);

            autoStart(LAUNCHER).enable(false);

            assertEquals("/opt/aws-mfa-agent/bin/aws-mfa-agent", execValue(entry()));
        }

        @Test
        @DisplayName("leaves no temporary file next to the entry")
        void noLeftovers() throws Exception {
            autoStart(LAUNCHER).enable(false);
            try (Stream<Path> files = Files.list(entry().getParent())) {
                assertEquals(List.of(entry()), files.toList());
            }
        }
    }

    @Nested
    @DisplayName("writes an entry that")
    class GeneratedEntry {

        static Stream<LaunchCommand> launchCommands() {
            return Stream.of(LAUNCHER, javaJar("/opt/aws-mfa-agent.jar"), AWKWARD_JAR);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("launchCommands")
        @DisplayName("passes desktop-file-validate with no errors")
        void passesValidator(LaunchCommand launch) throws Exception {
            Path validator = RequiredTool.find("desktop-file-validate", "desktop-file-utils");
            autoStart(launch).enable(false);

            ProcessResult result =
                    new SystemProcessRunner(Os.current()).run(List.of(validator.toString(), entry().toString()));

            assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
            assertFalse((result.stdout() + result.stderr()).contains("error"), result.stdout() + result.stderr());
        }

        @Test
        @DisplayName("has the keys of an autostart application, switched on")
        void hasKeys() throws Exception {
            autoStart(LAUNCHER).enable(false);

            List<String> lines = Files.readAllLines(entry(), StandardCharsets.UTF_8);

            assertEquals("[Desktop Entry]", lines.get(0));
            assertTrue(
                    lines.containsAll(List.of(
                            "Type=Application",
                            "Name=AWS MFA Agent",
                            "Icon=aws-mfa-agent",
                            "Terminal=false",
                            "X-GNOME-Autostart-enabled=true")),
                    lines.toString());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("Comment=")), lines.toString());
        }

        @Test
        @DisplayName("is UTF-8, so a non-ASCII jar path survives")
        void isUtf8() throws Exception {
            autoStart(AWKWARD_JAR).enable(false);

            String text = new String(Files.readAllBytes(entry()), StandardCharsets.UTF_8);

            assertTrue(text.contains("/home/josé/日本/"), text);
        }
    }

    @Nested
    @DisplayName("quotes Exec per the Desktop Entry spec, so that unquoting it gives back")
    class ExecQuoting {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "/home/jo/My Apps/aws-mfa-agent.jar",
                    "/home/jo/100%/aws-mfa-agent.jar",
                    "/home/jo/say \"hi\"/aws-mfa-agent.jar",
                    "/home/josé/日本/aws-mfa-agent.jar",
                    "/home/jo/$HOME `id` back\\slash/aws-mfa-agent.jar",
                    "/home/jo/'single' ~ & | ; < > * ? # ( )/aws-mfa-agent.jar",
                    "/home/jo/tab\there/new\nline/aws-mfa-agent.jar"
                })
        @DisplayName("the jar path")
        void roundTripsJarPath(String jar) throws Exception {
            LaunchCommand launch = javaJar(jar);
            autoStart(launch).enable(false);

            assertEquals(launch.argv(), DesktopExecParser.parse(execValue(entry())));
        }

        @Test
        @DisplayName("an empty argument")
        void roundTripsEmptyArgument() {
            List<String> argv = List.of("/opt/agent", "");
            assertEquals(argv, DesktopExecParser.parse(DesktopEntry.execValue(argv)));
        }

        @Test
        @DisplayName("plain arguments, left unquoted")
        void leavesPlainArgumentsAlone() throws Exception {
            autoStart(javaJar("/opt/aws-mfa-agent.jar")).enable(false);

            assertEquals(
                    "/usr/lib/jvm/java-17/bin/java " + String.join(" ", LaunchCommand.DEFAULT_JVM_OPTIONS)
                            + " -jar /opt/aws-mfa-agent.jar",
                    execValue(entry()));
            assertTrue(execValue(entry()).contains(" -Xmx48m -Xmn2m -XX:+UseSerialGC "), execValue(entry()));
        }

        @Test
        @DisplayName("a backslash, written as four as the spec's own example says")
        void backslashBecomesFour() {
            assertEquals("\"a\\\\\\\\b\"", DesktopEntry.execValue(List.of("a\\b")));
        }
    }

    @Nested
    @DisplayName("honours a user's switch-off")
    class UserSwitchOff {

        private void writeEntryWith(String extraLine) throws Exception {
            autoStart(LAUNCHER).enable(false);
            Files.writeString(
                    entry(),
                    Files.readString(entry()).replace("X-GNOME-Autostart-enabled=true\n", "") + extraLine + "\n");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Hidden=true", "X-GNOME-Autostart-enabled=false", "Hidden = true"})
        @DisplayName("which reads as disabled")
        void readsAsDisabled(String line) throws Exception {
            writeEntryWith(line);
            assertFalse(autoStart(LAUNCHER).isEnabled());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Hidden=true", "X-GNOME-Autostart-enabled=false"})
        @DisplayName("which enable without override refuses to undo, saying where and how")
        void enableRefuses(String line) throws Exception {
            writeEntryWith(line);
            String before = Files.readString(entry());

            AutoStartException e = assertThrows(
                    AutoStartException.class, () -> autoStart(LAUNCHER).enable(false));

            assertEquals(
                    "Start at login was switched off by the user in " + entry() + " (" + line
                            + "); pass --force to turn it back on",
                    e.getMessage());
            assertEquals(before, Files.readString(entry()));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Hidden=true", "X-GNOME-Autostart-enabled=false"})
        @DisplayName("which enable with override rewrites")
        void overrideRewrites(String line) throws Exception {
            writeEntryWith(line);
            XdgAutoStart autoStart = autoStart(LAUNCHER);

            autoStart.enable(true);

            assertTrue(autoStart.isEnabled());
            assertFalse(Files.readString(entry()).contains(line));
        }

        @Test
        @DisplayName("but not Hidden=true in another group, such as a desktop action")
        void ignoresOtherGroups() throws Exception {
            writeEntryWith("X-GNOME-Autostart-enabled=true\n\n[Desktop Action quit]\nName=Quit\nHidden=true");
            assertTrue(autoStart(LAUNCHER).isEnabled());
        }
    }
}
