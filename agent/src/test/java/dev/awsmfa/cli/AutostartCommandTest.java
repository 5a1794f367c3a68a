package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.autostart.LaunchCommand;
import dev.awsmfa.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostartCommandTest {

    @TempDir
    Path home;

    @Test
    @DisplayName("autostart enable / status / disable round trip in a fresh home, honouring the user's switch-off")
    void roundTrip() throws Exception {
        CliRun cli = new CliRun(home);
        cli.env.put("XDG_CONFIG_HOME", home.resolve("cfg").toString());
        cli.launch = Optional.of(new LaunchCommand(List.of("/opt/aws-mfa-agent/bin/aws-mfa-agent")));
        Path entry = home.resolve("cfg/autostart/aws-mfa-agent.desktop");

        assertTrue(cli.run("autostart", "status").out().contains("disabled"));
        CliRun.Result on = cli.run("autostart", "enable");
        assertEquals(0, on.exit(), on.all());
        assertTrue(Files.readString(entry).contains("Exec=/opt/aws-mfa-agent/bin/aws-mfa-agent"));
        assertTrue(cli.run("autostart", "status").out().contains("is enabled"));

        Files.writeString(entry, Files.readString(entry) + "Hidden=true\n");
        assertTrue(cli.run("autostart", "status").out().contains("disabled"), "Hidden=true is the user's switch-off");
        CliRun.Result refused = cli.run("autostart", "enable");
        assertEquals(3, refused.exit());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertEquals(0, cli.run("autostart", "enable", "--force").exit());
        assertFalse(Files.readString(entry).contains("Hidden=true"));

        assertEquals(0, cli.run("autostart", "disable").exit());
        assertFalse(Files.exists(entry));
    }

    @Test
    @DisplayName("without a jar or launcher to point at, autostart says so")
    void noLaunchCommand() {
        CliRun.Result r = new CliRun(home).run("autostart", "enable");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not supported here"), r.err());
    }
}
