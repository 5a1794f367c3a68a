package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.prompt.YubiKeyPrompt;
import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.ExampleUser;
import dev.awsmfa.testing.StsStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codes from helpers: mfa_process (as aws-vault defines it) and a YubiKey through ykman, via fake commands. */
class CodeSourcesTest {

    @TempDir
    Path home;

    StsStub sts;
    CliRun cli;
    Path bin;
    Path credentials;

    @BeforeEach
    void setUp() throws Exception {
        sts = new StsStub();
        sts.addUser(ExampleUser.KEY, ExampleUser.SECRET, RenewCommandTest.SEED_SERIAL);
        cli = new CliRun(home);
        cli.useSts(sts);
        bin = Files.createDirectories(home.resolve("bin"));
        cli.env.put("PATH", bin + ":" + System.getenv("PATH"));
        Path aws = Files.createDirectories(home.resolve(".aws"));
        credentials = aws.resolve("credentials");
        Files.copy(Path.of("../config-samples/seed/credentials"), credentials);
    }

    @AfterEach
    void tearDown() {
        sts.close();
    }

    void config(String mfaProcess) throws Exception {
        Files.writeString(
                home.resolve(".aws/config"),
                Files.readString(Path.of("../config-samples/seed/config")) + "mfa_process = " + mfaProcess + "\n");
    }

    void fake(String name, String script) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    @DisplayName("mfa_process: the code it prints is used, and nothing it prints is shown")
    void mfaProcess() throws Exception {
        fake("otp-helper", "echo 'generating…' >&2; printf 'noise\\n481516\\n'");
        config("otp-helper --account aws");
        sts.acceptCodes("481516");
        CliRun.Result r = cli.run("renew", "-p", "my-profle");
        assertEquals(0, r.exit(), r.all());
        assertEquals("481516", sts.calls("GetSessionToken").get(0).param("TokenCode"));
        assertFalse(r.all().contains("481516"), "the code is not echoed");
    }

    @Test
    @DisplayName("ykman: the user is told to touch the key, and the OATH code is used")
    void ykman() throws Exception {
        fake("ykman", "[ \"$1 $2 $3 $4 $5\" = 'oath accounts code --single aws-jane' ] || exit 9; echo 234234");
        config("ykman oath accounts code --single aws-jane");
        sts.acceptCodes("234234");
        CliRun.Result r = cli.run("renew", "-p", "my-profle");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.err().contains("Touch your YubiKey"), r.err());
        assertEquals("234234", sts.calls("GetSessionToken").get(0).param("TokenCode"));
        assertTrue(YubiKeyPrompt.isYkman("/usr/local/bin/ykman oath accounts code --single x"));
        assertFalse(YubiKeyPrompt.isYkman("ykman-like-tool"));
    }

    @Test
    @DisplayName(
            "a failing helper: exit 3 (not cancelled), one line with its exit code and last error line, never its stdout")
    void failingHelper() throws Exception {
        fake("ykman", "echo 999999; echo 'ERROR: no YubiKey' >&2; exit 2");
        config("ykman oath accounts code --single aws-jane");
        byte[] before = Files.readAllBytes(credentials);
        CliRun.Result r = cli.run("renew", "-p", "my-profle");
        assertEquals(3, r.exit(), r.all());
        assertTrue(
                r.err()
                        .strip()
                        .endsWith("\naws-mfa-agent: mfa_process (ykman) failed with exit code 2: ERROR: no YubiKey"),
                r.err());
        assertFalse(r.all().contains("999999"));
        assertEquals(0, sts.calls().size());
        assertArrayEquals(before, Files.readAllBytes(credentials));
    }
}
