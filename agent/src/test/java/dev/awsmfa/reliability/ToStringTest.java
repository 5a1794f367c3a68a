package dev.awsmfa.reliability;

import static dev.awsmfa.testing.ExampleUser.SECRET;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.cli.Context;
import dev.awsmfa.platform.Os;
import dev.awsmfa.profile.IniFile;
import dev.awsmfa.prompt.Host;
import dev.awsmfa.sts.StsSessions;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values that hold the user's files or environment print names only: one careless log line must not leak a secret. */
class ToStringTest {

    @TempDir
    Path home;

    @Test
    @DisplayName("a parsed credentials file and its sections print names, never values")
    void iniFile() throws Exception {
        Path credentials = Files.writeString(
                home.resolve("credentials"),
                "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = " + SECRET + "\n");
        IniFile file = IniFile.read(credentials);
        for (String text : List.of(file.toString(), file.section("base").toString())) {
            assertFalse(text.contains(SECRET), text);
            assertTrue(text.contains("base"), text);
        }
        assertTrue(file.section("base").toString().contains("aws_secret_access_key"));
    }

    @Test
    @DisplayName("the CLI's context and the prompt's host leave the environment out")
    void environment() {
        Map<String, String> env = Map.of("AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", SECRET);
        Context context = new Context(
                env,
                home,
                Clock.systemUTC(),
                new BufferedReader(new StringReader("")),
                System.out,
                System.err,
                false,
                StsSessions.Timeouts.DEFAULT,
                Os.LINUX,
                Optional::empty);
        Host host = new Host(Os.LINUX, env, p -> false, false, true);
        for (String text : List.of(context.toString(), host.toString())) {
            assertFalse(text.contains(SECRET), text);
            assertTrue(text.contains("LINUX"), text);
        }
    }
}
