package dev.awsmfa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    @Test
    @DisplayName("reads the --java-options lines of jpackage's argument files, comments and other options skipped")
    void parse() {
        assertEquals(List.of("-Xmx48m", "-Dx=y"), JvmOptions.parse("""
                # --java-options -Xcomment
                --main-class dev.awsmfa.cli.Main
                --java-options -Xmx48m
                  --java-options   -Dx=y
                """));
    }

    @Test
    @DisplayName("the packaged options cap the heap, mark the JVM as tuned, and trim glibc's heap only on Linux")
    void packaged() {
        List<String> linux = JvmOptions.packaged(Os.LINUX);
        assertTrue(linux.contains("-Xmx48m"), linux.toString());
        assertTrue(linux.contains("-Daws-mfa-agent.tuned=true"), linux.toString());
        assertTrue(linux.contains("-Dsun.net.http.retryPost=false"), linux.toString());
        assertTrue(linux.contains("-XX:TrimNativeHeapInterval=60000"), linux.toString());
        assertTrue(JvmOptions.packaged(Os.MAC).stream().noneMatch(o -> o.startsWith("-XX:TrimNative")));
        assertTrue(linux.stream().noneMatch(o -> o.contains(" ")), "options are split on spaces by the launcher");
    }

    @Test
    @DisplayName("for the user's own java the options come behind IgnoreUnrecognizedVMOptions")
    void forAnyJava() {
        assertEquals(JvmOptions.LENIENT, JvmOptions.forAnyJava(Os.LINUX).get(0));
        assertEquals(
                JvmOptions.packaged(Os.LINUX),
                JvmOptions.forAnyJava(Os.LINUX)
                        .subList(1, JvmOptions.forAnyJava(Os.LINUX).size()));
    }
}
