package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file the AWS CLI refuses is never used: status and renew say so in one line and exit 3. */
class RefusedFileTest {

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "renew"})
    @DisplayName("a duplicate key in the credentials file: one line naming file, line and the AWS CLI's refusal")
    void duplicateKeyIsNamed(String command) throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(
                aws.resolve("config"),
                "[profile dev]\nsource_profile = base\n" + "mfa_serial = arn:aws:iam::123456789012:mfa/jane\n");
        Files.writeString(
                aws.resolve("credentials"),
                "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                        + "aws_secret_access_key = secretEXAMPLE\nAws_Access_Key_Id = AKIAIOSFODNN7EXAMPLE\n");
        byte[] before = Files.readAllBytes(aws.resolve("credentials"));
        CliRun cli = new CliRun(home);
        cli.stdin = "123456\n";
        CliRun.Result r =
                command.equals("status") ? cli.run("status") : cli.run("renew", "-p", "dev", "--code", "123456");
        assertEquals(3, r.exit(), r.all());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(
                err.contains(aws.resolve("credentials") + " line 4")
                        && err.contains("the AWS CLI refuses this file")
                        && !err.contains("secretEXAMPLE"),
                err);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(aws.resolve("credentials"))));
    }
}
