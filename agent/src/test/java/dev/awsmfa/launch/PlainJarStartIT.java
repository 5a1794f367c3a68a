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
 * /proc/PID/cmdline) has the agent's tuned options, the same java and the same jar. That agent makes the jar's
 * class data sharing archive; the next start's JVM maps it (/proc/PID/maps).
 */
class PlainJarStartIT {

    static final Path JAR = Path.of(System.getProperty("aws-mfa-agent.jar", "target/aws-mfa-agent.jar"));
    static final Duration WITHIN = Duration.ofSeconds(60); // generous: the machine may be busy

    @Test
    @DisplayName("java -jar of the tray agent: the started JVM exits 0, the agent runs in a tuned child JVM, "
            + "which makes the jar's class archive; the next start maps it")
    void relaunchesTuned(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + ": build it first (mvn -pl agent package)");
        // A path no other process has on its command line: the child is found by it.
        Path jar = Files.copy(
                JAR,
                Files.createDirectories(dir.resolve("jar-" + System.nanoTime())).resolve("aws-mfa-agent.jar"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cds = home.resolve(".cache/aws-mfa-agent/cds");
        try (Desktop desktop = Desktop.start()) {
            List<String> first = startAndStop(desktop, jar, home, dir, child -> {
                // Made in the background some seconds after start, by a real java -Xshare:dump.
                long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (archives(cds).isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(500);
                }
            });
            List<String> expected = new java.util.ArrayList<>();
            expected.add(JAVA);
            expected.addAll(JvmOptions.forAnyJava(dev.awsmfa.platform.Os.LINUX));
            expected.addAll(List.of(
                    "-D" + ClassArchive.MAKE_PROPERTY + "=true", "-Dexample.user.option=1", "-jar", jar.toString()));
            assertEquals(expected, first);
            assertTrue(first.contains("-Xmx48m") && first.contains("-Daws-mfa-agent.tuned=true"), first.toString());
            List<Path> made = archives(cds);
            assertEquals(1, made.size(), "the first tuned agent made the jar's class archive in " + cds);

            List<String> maps = new java.util.ArrayList<>();
            List<String> second = startAndStop(
                    desktop,
                    jar,
                    home,
                    dir,
                    child -> maps.addAll(Files.readAllLines(Path.of("/proc", Long.toString(child.pid()), "maps"))));
            assertTrue(second.contains("-XX:SharedArchiveFile=" + made.get(0)), second.toString());
            assertTrue(
                    maps.stream().anyMatch(l -> l.endsWith(made.get(0).toString())),
                    "the second agent's JVM mapped the archive (JDK 17 accepted it for this jar)");
        }
    }

    static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    interface WhileRunning {
        void accept(ProcessHandle child) throws Exception;
    }

    /** {@code java -jar jar} as a user starts it; the child's argv, read while {@code during} runs. */
    static List<String> startAndStop(Desktop desktop, Path jar, Path home, Path dir, WhileRunning during)
            throws Exception {
        ProcessBuilder pb = desktop.command(List.of(JAVA, "-Dexample.user.option=1", "-jar", jar.toString()));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        pb.environment().remove("XDG_CACHE_HOME");
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
            during.accept(child.get());
            return argv;
        } finally {
            parent.destroyForcibly();
            child.ifPresent(c -> {
                c.destroy();
                c.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
    }

    static List<Path> archives(Path cds) throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (var s = Files.list(cds)) {
            return s.filter(p -> p.getFileName().toString().matches("run-[0-9a-f]+\\.jsa"))
                    .toList();
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
