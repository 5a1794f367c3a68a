package dev.awsmfa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awsmfa.testing.Desktop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real shaded jar started as a user does, {@code java -jar aws-mfa-agent.jar}, on a private X display: the
 * JVM that was started exits, and the tray agent runs on in a child JVM whose command line (read from
 * /proc/PID/cmdline) has the agent's tuned options, the same java and the same jar.
 */
class PlainJarStartIT {

    static final Path JAR = Path.of(System.getProperty("aws-mfa-agent.jar", "target/aws-mfa-agent.jar"));
    static final Duration WITHIN = Duration.ofSeconds(60); // generous: the machine may be busy

    @Test
    @DisplayName("java -jar of the tray agent: the started JVM exits 0, the agent runs in a tuned child JVM")
    void relaunchesTuned(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + ": build it first (mvn -pl agent package)");
        // A path no other process has on its command line: the child is found by it.
        Path jar = Files.copy(
                JAR,
                Files.createDirectories(dir.resolve("jar-" + System.nanoTime())).resolve("aws-mfa-agent.jar"));
        Path home = Files.createDirectories(dir.resolve("home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (Desktop desktop = Desktop.start()) {
            ProcessBuilder pb = desktop.command(List.of(java, "-Dexample.user.option=1", "-jar", jar.toString()));
            pb.environment().put("HOME", home.toString());
            pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            pb.redirectOutput(dir.resolve("out.log").toFile())
                    .redirectError(dir.resolve("err.log").toFile());
            Process parent = pb.start();
            Optional<ProcessHandle> child = Optional.empty();
            try {
                assertTrue(parent.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS), "the started JVM did not exit");
                assertEquals(0, parent.exitValue(), Files.readString(dir.resolve("err.log")));
                child = ProcessHandle.allProcesses()
                        .filter(p -> p.pid() != parent.pid() && cmdline(p.pid()).contains(jar.toString()))
                        .findFirst();
                if (child.isEmpty()) {
                    fail("no child JVM runs " + jar + "; its output: " + Files.readString(dir.resolve("err.log")));
                }
                List<String> argv = cmdline(child.get().pid());

                List<String> expected = new java.util.ArrayList<>();
                expected.add(java);
                expected.addAll(JvmOptions.forAnyJava(dev.awsmfa.platform.Os.LINUX));
                expected.addAll(List.of("-Dexample.user.option=1", "-jar", jar.toString()));
                assertEquals(expected, argv);
                assertTrue(argv.contains("-Xmx48m") && argv.contains("-Daws-mfa-agent.tuned=true"), argv.toString());
            } finally {
                parent.destroyForcibly();
                child.ifPresent(c -> {
                    c.destroyForcibly();
                    c.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
            }
        }
    }

    /** The process's argv, or empty when it is gone or not ours to read. */
    static List<String> cmdline(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
