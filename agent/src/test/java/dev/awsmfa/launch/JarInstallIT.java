package dev.awsmfa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar aws-mfa-agent.jar install}, then the installed command, then its {@code uninstall}: all real. */
class JarInstallIT {

    record Run(int exit, String out) {}

    static Run run(List<String> argv, Path home, Path dir) throws Exception {
        return run(argv, home, dir, Map.of());
    }

    static Run run(List<String> argv, Path home, Path dir, Map<String, String> extraEnv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(Map.of(
                "HOME",
                home.toString(),
                "PATH",
                "/usr/bin:/bin",
                "LANG",
                "C.UTF-8",
                "XDG_DATA_HOME",
                dir.resolve("data").toString(),
                "XDG_CONFIG_HOME",
                dir.resolve("config").toString()));
        env.putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), argv + " did not end");
        return new Run(p.exitValue(), out);
    }

    @Test
    @DisplayName("install puts a working aws-mfa-agent command, menu entry and start at login in a temp HOME")
    void installRunUninstall(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Run install =
                run(List.of(java, "-jar", PlainJarStartIT.JAR.toAbsolutePath().toString(), "install"), home, dir);
        assertEquals(0, install.exit(), install.out());
        Path launcher = home.resolve(".local/bin/aws-mfa-agent");
        assertTrue(install.out().contains(launcher.toString()), install.out());
        assertTrue(Files.exists(dir.resolve("data/applications/aws-mfa-agent.desktop")));
        assertTrue(Files.readString(dir.resolve("config/autostart/aws-mfa-agent.desktop"))
                .contains("Exec=" + launcher + "\n"));
        assertEquals(Files.size(PlainJarStartIT.JAR), Files.size(dir.resolve("data/aws-mfa-agent/aws-mfa-agent.jar")));
        for (String archive : List.of("run.jsa", "cli.jsa", "status.jsa")) {
            assertTrue(
                    Files.size(dir.resolve("data/aws-mfa-agent/" + archive)) > 1_000_000,
                    "the real CDS archive " + archive + " was made");
        }

        Run status = run(List.of(launcher.toString(), "status"), home, dir);
        assertTrue(status.out().contains("credentials: " + home.resolve(".aws/credentials")), status.out());
        assertStatusClassesArchived(launcher, home, dir);

        Run uninstall = run(List.of(launcher.toString(), "uninstall"), home, dir);
        assertEquals(0, uninstall.exit(), uninstall.out());
        assertFalse(Files.exists(launcher));
        assertFalse(Files.exists(dir.resolve("data/aws-mfa-agent")));
        assertFalse(Files.exists(dir.resolve("config/autostart/aws-mfa-agent.desktop")));
    }

    /**
     * The class lists behind the archives (installer/src/package/linux/cds) are made by training runs; a list made
     * before a change of the code misses the new classes, which then load from the jar and cost start-up time
     * unnoticed. Every one of our classes that {@code status} loads for a managed profile must come from status.jsa.
     */
    static void assertStatusClassesArchived(Path launcher, Path home, Path dir) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(
                home.resolve(".aws/config"),
                "[profile dev]\nsource_profile = user\nmfa_serial = arn:aws:iam::123456789012:mfa/user\n");
        Files.writeString(
                home.resolve(".aws/credentials"),
                "[user]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n");
        Path log = dir.resolve("class-load.log");
        Run status = run(
                List.of(launcher.toString(), "status"),
                home,
                dir,
                Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log));
        assertTrue(status.out().contains("dev"), status.out());
        List<String> ours = Files.readAllLines(log).stream()
                .map(l -> l.replaceFirst("^(\\[[^]]*\\])+\\s*", "")) // [uptime][level][tags]
                .filter(l -> l.startsWith("dev.awsmfa.") && !l.contains("$$Lambda"))
                .toList();
        assertTrue(ours.size() > 20, "the log names the classes status loads: " + ours);
        List<String> fromJar = ours.stream()
                .filter(l -> !l.endsWith("source: shared objects file"))
                .map(l -> l.substring(0, l.indexOf(' ')))
                .toList();
        assertEquals(
                List.of(),
                fromJar,
                "classes of ours that status loads from the jar, not from status.jsa: the class lists are stale; "
                        + "remake them (docs/BENCHMARKS.md, bench/classlists.sh)");
    }
}
