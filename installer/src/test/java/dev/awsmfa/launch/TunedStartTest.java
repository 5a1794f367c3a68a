package dev.awsmfa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TunedStartTest {

    static final Optional<Path> JAR = Optional.of(Path.of("/home/jane/Downloads/aws-mfa-agent.jar"));
    static final String JDK = "/usr/lib/jvm/java-17-openjdk-amd64";

    static Optional<List<String>> child(List<String> args, String tuned, List<String> userOptions) {
        return TunedStart.childCommand(args, tuned, JDK, Os.LINUX, JAR, List.of(), userOptions);
    }

    @Test
    @DisplayName("the tray agent started plainly runs again as: the same java, our options, the user's, the same jar")
    void exactCommand() {
        List<String> expected = new ArrayList<>();
        expected.add(JDK + "/bin/java");
        expected.add("-XX:+IgnoreUnrecognizedVMOptions");
        expected.addAll(JvmOptions.packaged(Os.LINUX));
        expected.addAll(List.of("-Duser.language=de", "-jar", "/home/jane/Downloads/aws-mfa-agent.jar"));

        assertEquals(Optional.of(expected), child(List.of(), null, List.of("-Duser.language=de")));
        List<String> withRun = new ArrayList<>(expected);
        withRun.add("run");
        assertEquals(Optional.of(withRun), child(List.of("run"), null, List.of("-Duser.language=de")));
    }

    @Test
    @DisplayName("the jar's class archive goes after our options and before the user's, who may turn it off")
    void archive() {
        List<String> archive = List.of("-XX:SharedArchiveFile=/home/jane/.cache/aws-mfa-agent/cds/run-0a1b.jsa");
        List<String> argv = TunedStart.childCommand(
                        List.of(), null, JDK, Os.LINUX, JAR, archive, List.of("-Xshare:off"))
                .orElseThrow();
        int ours = argv.indexOf("-D" + JvmOptions.TUNED_PROPERTY + "=true");
        int at = argv.indexOf(archive.get(0));
        assertTrue(ours >= 0 && ours < at && at < argv.indexOf("-Xshare:off"), argv.toString());
    }

    @Test
    @DisplayName("the child has the marker, so it does not start another child")
    void childIsFinal() {
        List<String> argv = child(List.of(), null, List.of()).orElseThrow();
        assertTrue(argv.contains("-D" + JvmOptions.TUNED_PROPERTY + "=true"), argv.toString());
        assertEquals(Optional.empty(), child(List.of(), "true", List.of()));
    }

    @Test
    @DisplayName("CLI commands, help and unknown words stay in this JVM: they are short, and may carry a code")
    void cliStaysHere() {
        for (List<String> args : List.of(
                List.of("renew", "-p", "dev", "--code", "123456"),
                List.of("status"),
                List.of("run", "--help"),
                List.of("--help"),
                List.of("-V"),
                List.of("install"),
                List.of("bogus"))) {
            assertEquals(Optional.empty(), child(args, null, List.of()), args.toString());
        }
    }

    @Test
    @DisplayName("without a jar (a class folder, an IDE) the agent stays in this JVM")
    void noJar() {
        assertEquals(
                Optional.empty(),
                TunedStart.childCommand(List.of(), null, JDK, Os.LINUX, Optional.empty(), List.of(), List.of()));
    }

    @Test
    @DisplayName("Windows gets javaw (no console window) and no glibc option")
    void windows() {
        List<String> argv = TunedStart.childCommand(List.of(), null, "C:\\jdk", Os.WINDOWS, JAR, List.of(), List.of())
                .orElseThrow();
        assertEquals(Path.of("C:\\jdk", "bin", "javaw.exe").toString(), argv.get(0));
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("-XX:TrimNativeHeapInterval")), argv.toString());
    }

    @Test
    @DisplayName("the user's JVM options are the ones before -jar on this JVM's command line")
    void userOptions() {
        assertEquals(
                List.of("-Xmx80m", "-Dx=y"),
                TunedStart.userJvmOptions(Optional.of(new String[] {"-Xmx80m", "-Dx=y", "-jar", "/a.jar", "run"})));
        assertEquals(List.of(), TunedStart.userJvmOptions(Optional.of(new String[] {"-cp", "x", "Main"})));
        assertEquals(List.of(), TunedStart.userJvmOptions(Optional.empty()));
    }
}
