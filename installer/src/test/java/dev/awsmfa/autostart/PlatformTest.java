package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.SystemProcessRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisplayName("Platform.current")
class PlatformTest {

    final LaunchCommand launch = new LaunchCommand(List.of("/opt/aws-mfa-agent/bin/aws-mfa-agent"));

    @Test
    @DisplayName("reads the OS name, home and environment of this JVM")
    void readsThisJvm() {
        Platform platform = Platform.current(Os.current(), new SystemProcessRunner(Os.current()), launch);

        assertEquals(Os.current(), platform.os());
        assertEquals(Path.of(System.getProperty("user.home")), platform.home());
        assertEquals(System.getenv(), platform.env());
        assertEquals(launch, platform.launch());
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "id -u is POSIX")
    @DisplayName("finds the numeric user id with id -u when asked")
    void userId() {
        assertTrue(Platform.current(Os.current(), new SystemProcessRunner(Os.current()), launch)
                .uid()
                .get()
                .matches("\\d+"));
    }
}
