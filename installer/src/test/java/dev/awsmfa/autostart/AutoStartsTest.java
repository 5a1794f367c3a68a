package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awsmfa.platform.Os;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("AutoStarts.find")
class AutoStartsTest {

    @TempDir
    Path home;

    private Optional<AutoStart> find(String osName) {
        Platform platform = new Platform(
                Os.of(osName),
                home,
                Map.of(),
                () -> fail("the uid is only for launchctl"),
                new FakeProcessRunner(),
                new LaunchCommand(List.of("/opt/aws-mfa-agent/bin/aws-mfa-agent")));
        return AutoStarts.find(platform).map(found -> ((CachedAutoStart) found).inner());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Linux", "FreeBSD", "OpenBSD"})
    @DisplayName("picks the XDG autostart entry on Linux and the BSDs")
    void xdg(String osName) {
        XdgAutoStart autoStart =
                assertInstanceOf(XdgAutoStart.class, find(osName).orElseThrow());
        assertEquals(home.resolve(".config/autostart/aws-mfa-agent.desktop").toString(), autoStart.describe());
    }

    @Test
    @DisplayName("picks a LaunchAgent on macOS, without asking for the uid yet")
    void launchAgent() {
        assertInstanceOf(LaunchAgentAutoStart.class, find("Mac OS X").orElseThrow());
    }

    @Test
    @DisplayName("picks the Run key on Windows")
    void runKey() {
        assertInstanceOf(RunKeyAutoStart.class, find("Windows 11").orElseThrow());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"SunOS", "AIX", ""})
    @DisplayName("finds nothing elsewhere, so the caller hides the feature")
    void unsupported(String osName) {
        assertEquals(Optional.empty(), find(osName));
    }
}
