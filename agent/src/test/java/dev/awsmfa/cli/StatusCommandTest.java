package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.agent.AppDirs;
import dev.awsmfa.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    @TempDir
    Path home;
    CliRun cli;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRun(home);
        cli.clock = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneId.of("Europe/Berlin"));
        Path aws = Files.createDirectories(home.resolve(".aws"));
        config = aws.resolve("config");
        Files.copy(Path.of("../config-samples/standard/config"), config);
        Files.copy(Path.of("../config-samples/standard/credentials"), aws.resolve("credentials"));
    }

    @Test
    @DisplayName("settings we cannot read are listed with key, value, where from and what is used instead")
    void settingProblems() throws Exception {
        Files.writeString(config, Files.readString(config).replace("aws_mfa_agent_lead_minutes = 15",
                "aws_mfa_agent_lead_minutes = 15 # note"));
        Path settings = AppDirs.of("Linux", cli.env, home).settings();
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "lead_minutes = 15m\n");
        CliRun.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("settings not used:\n"
                + "  lead_minutes = '15m' (agent.properties (" + settings + ")): not a whole number of minutes from 1 to "
                + "1440 (write 15, not 15m); using 10 min (the default)\n"
                + "  aws_mfa_agent_lead_minutes = '15 # note' (profile 'dev' in " + config + "): not a whole number of "
                + "minutes (a comment after a value is part of the value: put it on a line of its own); using the "
                + "agent's lead_minutes (10 min unless set)\n"), r.out());
    }

    @Test
    @DisplayName("good settings: no settings section")
    void noProblems() {
        CliRun.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.all());
        assertTrue(!r.out().contains("settings not used"), r.out());
    }
}
