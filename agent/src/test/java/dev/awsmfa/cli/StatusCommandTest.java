package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.AppDirs;
import dev.awsmfa.platform.Os;
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
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("aws_mfa_agent_lead_minutes = 15", "aws_mfa_agent_lead_minutes = 15 # note"));
        Path settings = AppDirs.of(Os.LINUX, cli.env, home).settings();
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "lead_minutes = 15m\n");
        CliRun.Result r = cli.run("status", "--wide");
        assertEquals(0, r.exit(), r.all());
        assertTrue(
                r.out()
                        .contains("settings not used:\n"
                                + "  lead_minutes = '15m' (agent.properties (" + settings
                                + ")): not a whole number of minutes from 1 to "
                                + "1440 (write 15, not 15m); using 10 min (the default)\n"
                                + "  aws_mfa_agent_lead_minutes = '15 # note' (profile 'dev' in " + config
                                + "): not a whole number of "
                                + "minutes (a comment after a value is part of the value: put it on a line of its own); using the "
                                + "agent's lead_minutes (10 min unless set)\n"),
                r.out());
    }

    @Test
    @DisplayName("by default every line fits 100 columns, also with long names and long problems")
    void fitsHundredColumns() throws Exception {
        String longName = "a-profile-name-far-longer-than-any-column-allows";
        Files.writeString(
                config,
                Files.readString(config).replace("[profile dev]", "[profile " + longName + "]")
                        + "\n[profile broken]\nsource_profile = my-mfa-profile\nmfa_serial = not-an-arn-at-all-but-a-long-"
                        + "value-that-makes-the-message-run-well-past-the-edge-of-a-terminal\n"
                        + "aws_mfa_agent_lead_minutes = a lead written in words, which is long enough to need a wrap\n");
        CliRun.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.all());
        for (String line : r.out().split("\n")) {
            if (!line.startsWith("config:") && !line.startsWith("credentials:")) { // paths are never cut
                assertTrue(line.length() <= 100, line.length() + " columns: " + line);
            }
        }
        assertTrue(r.out().contains("a-profile-name-far-lo… "), r.out());
        assertTrue(r.out().contains("not-an-arn-at-all"), "the problem is shown in full, wrapped: " + r.out());
        CliRun.Result wide = cli.run("status", "--wide");
        assertTrue(wide.out().contains(longName + " my-mfa-profile"), wide.out());
        assertTrue(wide.out().contains("arn:aws:iam::123456789012:mfa/jane"), wide.out());
    }

    @Test
    @DisplayName("times are in one zone, named in the header and on each time, as renew shows them")
    void oneZone() throws Exception {
        Files.writeString(
                home.resolve(".aws/credentials"),
                "\n[dev]\naws_access_key_id = ASIAEXAMPLE\n"
                        + "aws_secret_access_key = x\naws_session_token = y\naws_session_expiration = 2025-03-01T11:30:00Z\n",
                java.nio.file.StandardOpenOption.APPEND);
        CliRun.Result r = cli.run("status");
        assertTrue(r.out().contains("times:       Europe/Berlin\n"), r.out());
        assertTrue(r.out().matches("(?s).*\ndev +my-mfa-profile +2025-03-01 12:30 CET +2h 30m +fresh\n.*"), r.out());
        assertTrue(
                r.out().contains("PROFILE                SOURCE             EXPIRES              LEFT     STATE\n"),
                r.out());
    }

    @Test
    @DisplayName("good settings: no settings section")
    void noProblems() {
        CliRun.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.all());
        assertTrue(!r.out().contains("settings not used"), r.out());
    }
}
