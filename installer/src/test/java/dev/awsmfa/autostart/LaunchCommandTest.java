package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("LaunchCommand")
class LaunchCommandTest {

    static final Path JAR = Path.of("/opt/aws mfa/aws-mfa-agent.jar");

    @Nested
    @DisplayName("detect")
    class Detect {

        @Test
        @DisplayName(
                "uses the jpackage launcher alone when jpackage.app-path is set, as it carries its own JVM options")
        void jpackageLauncher() {
            Optional<LaunchCommand> command = LaunchCommand.detect(
                    Map.of("jpackage.app-path", "/opt/aws-mfa-agent/bin/aws-mfa-agent"),
                    "/usr/lib/jvm/java-17",
                    Optional.of(JAR),
                    LaunchCommand.DEFAULT_JVM_OPTIONS);

            assertEquals(Optional.of(new LaunchCommand(List.of("/opt/aws-mfa-agent/bin/aws-mfa-agent"))), command);
        }

        @Test
        @DisplayName("else runs the jar with this JVM's java and the given options, and no subcommand")
        void javaJar() {
            Optional<LaunchCommand> command = LaunchCommand.detect(
                    Map.of("jpackage.app-path", " "),
                    "/usr/lib/jvm/java-17",
                    Optional.of(JAR),
                    List.of("-Xmx48m", "-Dx=y"));

            assertEquals(
                    List.of(
                            "/usr/lib/jvm/java-17/bin/java",
                            "-Xmx48m",
                            "-Dx=y",
                            "-jar",
                            "/opt/aws mfa/aws-mfa-agent.jar"),
                    command.orElseThrow().argv());
        }

        @Test
        @DisplayName("makes a relative jar path absolute, since login starts it from another folder")
        void absoluteJar() {
            List<String> argv = LaunchCommand.detect(Map.of(), "/jdk", Optional.of(Path.of("agent.jar")), List.of())
                    .orElseThrow()
                    .argv();

            assertEquals(Path.of("agent.jar").toAbsolutePath().toString(), argv.get(argv.size() - 1));
        }

        @Test
        @DisplayName("finds nothing to start without a launcher or a jar (e.g. run from an IDE)")
        void nothing() {
            assertEquals(Optional.empty(), LaunchCommand.detect(Map.of(), "/jdk", Optional.empty(), List.of()));
        }
    }

    @Test
    @DisplayName("the agent started at login caps its heap, never phones home and never resends a code")
    void defaultJvmOptions() {
        List<String> options = LaunchCommand.DEFAULT_JVM_OPTIONS;
        org.junit.jupiter.api.Assertions.assertTrue(
                options.stream().anyMatch(o -> o.startsWith("-Xmx")), options.toString());
        org.junit.jupiter.api.Assertions.assertTrue(options.contains("-Ddorkbox.updates.Updates.ENABLE=false"));
        org.junit.jupiter.api.Assertions.assertTrue(options.contains("-Dsun.net.http.retryPost=false"));
    }

    @Test
    @DisplayName("needs a program and keeps its own copy of argv")
    void validatesAndCopies() {
        assertThrows(IllegalArgumentException.class, () -> new LaunchCommand(List.of()));

        List<String> argv = new ArrayList<>(List.of("/bin/agent"));
        LaunchCommand command = new LaunchCommand(argv);
        argv.add("changed");

        assertEquals(List.of("/bin/agent"), command.argv());
    }

    @Nested
    @DisplayName("finds the running jar")
    class RunningJar {

        @Test
        @DisplayName("of a class loaded from a jar")
        void fromJar() {
            Path jar = LaunchCommand.jarOf(Test.class).orElseThrow();
            assertTrue(jar.getFileName().toString().endsWith(".jar"), jar.toString());
        }

        @Test
        @DisplayName("of none for a class from a folder or from the JDK itself")
        void notFromJar() {
            assertEquals(Optional.empty(), LaunchCommand.jarOf(LaunchCommandTest.class));
            assertEquals(Optional.empty(), LaunchCommand.jarOf(String.class));
        }
    }
}
