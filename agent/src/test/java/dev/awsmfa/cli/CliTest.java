package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line itself: help, version, and one clear line (exit 2) for everything that cannot run. */
class CliTest {

    @TempDir
    Path home;

    private CliRun.Result run(String... args) {
        return new CliRun(home).run(args);
    }

    @Test
    @DisplayName("--help lists the commands and the exit codes; a command's --help its options")
    void help() {
        CliRun.Result main = run("--help");
        assertEquals(0, main.exit());
        assertEquals(Cli.HELP, main.out());
        assertTrue(main.out().contains("  7  the credentials file could not be written"), main.out());
        assertEquals(run("-h").out(), main.out());

        CliRun.Result renew = run("renew", "--help");
        assertEquals(0, renew.exit());
        assertTrue(renew.out().startsWith("Usage: aws-mfa-agent renew [-p] PROFILE"), renew.out());
        assertTrue(run("autostart", "-h").out().contains("--force"));
        assertEquals(StatusCommand.HELP, run("status", "--help").out());
        assertEquals(RunCommand.HELP, run("run", "--help").out());
    }

    @Test
    void version() {
        CliRun.Result r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("aws-mfa-agent \\S+\n"), r.out());
        assertEquals(r.out(), run("-V").out());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "renew                         | renew needs --profile PROFILE (or -p PROFILE)",
                "renew -p                      | --profile needs a value",
                "renew -p a --profile b        | --profile is given twice",
                "renew -p dev --duration abc   | --duration takes whole seconds, 900..129600, not 'abc'",
                "renew -p dev --duration 9.5   | --duration takes whole seconds, 900..129600",
                "renew -p dev --region eu      | unknown option '--region' for renew",
                "renew -p dev --colour=red     | unknown option '--colour' for renew",
                "renew -p dev extra            | unexpected argument 'extra' for renew",
                "renew dev extra               | unexpected argument 'extra' for renew",
                "renew 123456                  | a code goes after --code, not as an argument of renew",
                "renew -p dev --duration 100   | --duration takes whole seconds, 900..129600, not 100",
                "renew dev --duration 200000   | --duration takes whole seconds, 900..129600, not 200000",
                "renew --duration=-5 dev       | --duration takes whole seconds, 900..129600, not -5",
                "status --all                  | unknown option '--all' for status",
                "autostart                     | autostart needs enable, disable or status",
                "autostart maybe               | autostart takes enable, disable or status, not 'maybe'",
                "autostart enable --force=yes  | --force takes no value",
                "stats                         | unknown command 'stats'; the commands are run, renew, status and autostart",
                "--tray-type Gtk               | unknown option '--tray-type' for run",
            })
    @DisplayName("a command line that cannot run: one line, exit 2, nothing else done")
    void usageErrors(String args, String message) {
        CliRun.Result r = run(args.trim().split("\\s+"));
        assertEquals(2, r.exit(), r.err());
        assertEquals("aws-mfa-agent: " + message + " (see aws-mfa-agent --help)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    @DisplayName("a value out of place is not echoed: it could be an MFA code or a secret key")
    void strayValuesAreNotEchoed() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        for (String[] args : new String[][] {
            {"renew", "-p", "dev", "123456"},
            {"123456"},
            {"renew", "-p", "dev", "--" + secret},
            {"autostart", "481516"},
            {"renew", "-p", "dev", secret}
        }) {
            CliRun.Result r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args));
            assertFalse(
                    r.err().contains("123456")
                            || r.err().contains("481516")
                            || r.err().contains(secret),
                    r.err());
        }
    }

    @Test
    @DisplayName("options take --name VALUE and --name=VALUE, in any order; the profile may stand alone (renew dev)")
    void optionForms() {
        // No such profile: the options were read, and the catalog said so (exit 3, config).
        for (String[] args : new String[][] {
            {"renew", "-p", "nope", "--code", "123456"},
            {"renew", "--profile=nope", "--code=123456"},
            {"renew", "--duration", "3600", "--code", "123456", "--profile", "nope"},
            {"renew", "nope", "--code", "123456"},
            {"renew", "--code", "123456", "nope"}
        }) {
            CliRun.Result r = run(args);
            assertEquals(3, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("nope"), r.err());
        }
    }
}
