package dev.awsmfa.cli;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.Fault;
import dev.awsmfa.testing.IniOracles;
import dev.awsmfa.testing.StsStub;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewCommandTest {

    static final String SEED_SERIAL = "arn:aws:iam::123454567890:mfa/user-with-mfa";

    @TempDir
    Path home;

    StsStub sts;
    CliRun cli;
    Path credentials;

    @BeforeEach
    void setUp() throws Exception {
        sts = new StsStub();
        sts.addUser(KEY, SECRET, SEED_SERIAL);
        sts.acceptCodes("123456");
        cli = new CliRun(home);
        cli.useSts(sts);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.copy(Path.of("../config-samples/seed/config"), aws.resolve("config"));
        credentials = aws.resolve("credentials");
        Files.copy(Path.of("../config-samples/seed/credentials"), credentials);
    }

    @AfterEach
    void tearDown() {
        sts.close();
    }

    @Test
    @DisplayName("the seed's files: one GetSessionToken with the seed's serial, the session lands in [my-profle]")
    void renewsTheSeedLayout() throws Exception {
        byte[] before = Files.readAllBytes(credentials);
        CliRun.Result r = cli.run("renew", "-p", "my-profle", "--code", "123456");

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("Exporting credentials for 'my-profle' profile"), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "Temporary credentials are exported to '" + credentials.toRealPath() + "' [my-profle]"),
                r.out());
        assertTrue(r.out().contains(sts.endpoint().toString()), "the endpoint in use is shown: " + r.out());
        assertEquals(1, sts.calls("GetSessionToken").size());
        StsStub.Call call = sts.calls("GetSessionToken").get(0);
        assertEquals(SEED_SERIAL, call.param("SerialNumber"));
        assertEquals("123456", call.param("TokenCode"));
        assertEquals("43200", call.param("DurationSeconds"));
        assertEquals(KEY, call.accessKeyId());
        assertTrue(call.signatureValid());

        StsStub.IssuedCredentials issued = sts.issued().get(0);
        Map<String, String> session = IniOracles.python(credentials).get("my-profle");
        assertEquals(issued.accessKeyId(), session.get("aws_access_key_id"));
        assertEquals(issued.secret(), session.get("aws_secret_access_key"));
        assertEquals(issued.token(), session.get("aws_session_token"));
        assertEquals(issued.expiration().toString(), session.get("aws_session_expiration"));
        assertTrue(
                new String(Files.readAllBytes(credentials)).startsWith(new String(before)),
                "the long-term section is untouched");
        assertFalse(r.all().contains(issued.secret()) || r.all().contains(issued.token()), "no secret in the output");
    }

    @Test
    @DisplayName("the code is read from stdin when stdin is not a terminal")
    void readsCodeFromStdin() {
        cli.stdin = "123456\n";
        assertEquals(0, cli.run("renew", "-p", "my-profle").exit());
        assertEquals("123456", sts.calls("GetSessionToken").get(0).param("TokenCode"));
    }

    @Test
    @DisplayName("--duration and duration_seconds are sent; out-of-range ones never reach STS")
    void duration() throws Exception {
        assertEquals(
                0,
                cli.run("renew", "-p", "my-profle", "--code", "123456", "--duration", "3600")
                        .exit());
        assertEquals("3600", sts.calls("GetSessionToken").get(0).param("DurationSeconds"));
        byte[] before = Files.readAllBytes(credentials);
        CliRun.Result r = cli.run("renew", "-p", "my-profle", "--code", "654321", "--duration", "60");
        assertEquals(2, r.exit(), "out of range on the command line is a usage error");
        assertTrue(r.err().contains("--duration takes whole seconds, 900..129600, not 60"), r.err());
        assertEquals(1, sts.calls().size());
        assertArrayEquals(before, Files.readAllBytes(credentials));
    }

    @Test
    @DisplayName("the standard layout through a [services] endpoint, and the aws-mfa layout")
    void otherLayouts() throws Exception {
        cli.env.remove("AWS_ENDPOINT_URL_STS");
        Files.writeString(
                home.resolve(".aws/config"),
                "[profile base]\nregion = eu-west-1\n"
                        + "[profile dev]\nsource_profile = base\nmfa_serial = " + SEED_SERIAL
                        + "\nduration_seconds = 7200\nservices = local\n"
                        + "[services local]\nsts =\n  endpoint_url = " + sts.endpoint() + "\n");
        Files.writeString(
                credentials,
                "[base]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n"
                        + "[ops-long-term]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET
                        + "\naws_mfa_device = " + SEED_SERIAL + "\n");
        CliRun.Result r = cli.run("renew", "-p", "dev", "--code", "123456");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("[services local]"), r.out());
        assertEquals("7200", sts.calls().get(0).param("DurationSeconds"));
        sts.acceptCodes("222222");
        cli.env.put("AWS_ENDPOINT_URL", sts.endpoint().toString());
        CliRun.Result ops = cli.run("renew", "-p", "ops", "--code", "222222");
        assertEquals(0, ops.exit(), ops.all());
        assertTrue(ops.out().contains("One code renews every profile of this device: ops, dev"), ops.out());
        assertEquals(2, sts.calls("GetSessionToken").size());
        Map<String, Map<String, String>> all = IniOracles.python(credentials);
        assertEquals(
                sts.issued().get(1).token(),
                all.get("dev").get("aws_session_token"),
                "same keys and serial: one device");
        assertEquals(sts.issued().get(1).token(), all.get("ops").get("aws_session_token"));
        assertEquals(KEY, all.get("ops-long-term").get("aws_access_key_id"));
    }

    @Nested
    @DisplayName("every failure: its exit code, one line that says what to do, and the file byte-identical")
    class Failures {
        byte[] before;

        @BeforeEach
        void snapshot() throws Exception {
            Files.writeString(
                    credentials,
                    "# my file\n[my-mfa-profile]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET
                            + "\n\n[my-profle]\naws_session_token = old\n",
                    java.nio.charset.StandardCharsets.UTF_8);
            before = Files.readAllBytes(credentials);
        }

        void assertFailure(CliRun.Result r, int exit, String... phrases) throws Exception {
            assertEquals(exit, r.exit(), r.all());
            String err = r.err().strip();
            assertFalse(err.contains("\n"), "one line: " + err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
            for (String p : phrases) {
                assertTrue(err.contains(p), "'" + p + "' in: " + err);
            }
            assertArrayEquals(before, Files.readAllBytes(credentials));
            assertFalse(r.all().contains(SECRET));
        }

        @Test
        void wrongCode() throws Exception {
            assertFailure(
                    cli.run("renew", "-p", "my-profle", "--code", "000000"),
                    4,
                    "wrong or was already used",
                    "next code");
        }

        @Test
        void reusedCode() throws Exception {
            assertEquals(
                    0, cli.run("renew", "-p", "my-profle", "--code", "123456").exit());
            before = Files.readAllBytes(credentials);
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 4, "already used");
        }

        @Test
        void codeNotSixDigitsNeverReachesSts() throws Exception {
            for (String code : new String[] {"12345", "1234567", "abcdef", "12 456", ""}) {
                CliRun.Result r = cli.run("renew", "-p", "my-profle", "--code", code);
                assertTrue(r.exit() == 2 || r.exit() == 8, code + " -> " + r.all());
                assertArrayEquals(before, Files.readAllBytes(credentials));
            }
            assertEquals(0, sts.calls().size());
        }

        @Test
        void serialNotForThisUser() throws Exception {
            Files.writeString(
                    home.resolve(".aws/config"),
                    Files.readString(home.resolve(".aws/config")).replace("user-with-mfa\n", "someone-else\n"));
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 5, "not assigned", "mfa_serial");
        }

        @Test
        void deactivatedKey() throws Exception {
            sts.close();
            sts = new StsStub();
            sts.addUser(KEY, SECRET, SEED_SERIAL).deactivate();
            cli.useSts(sts);
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 5, KEY, "invalid or deactivated");
        }

        @Test
        void wrongSecret() throws Exception {
            Files.writeString(credentials, new String(before).replace(SECRET, "not-the-secretEXAMPLE"));
            before = Files.readAllBytes(credentials);
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 5, "secret access key", "is wrong");
        }

        @Test
        void throttled() throws Exception {
            sts.failNext(Fault.throttling());
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 6, "throttling");
        }

        @Test
        void serviceErrors() throws Exception {
            sts.failNext(Fault.serviceUnavailable());
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 6, "HTTP 503");
            sts.failNext(Fault.internalFailure());
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 6, "HTTP 500");
        }

        @Test
        void durationRejected() throws Exception {
            sts.failNext(Fault.error(
                    400,
                    "ValidationError",
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 5, "rejected a session of 43200 s");
        }

        @Test
        void unreachable() throws Exception {
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            cli.env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + closed);
            assertFailure(
                    cli.run("renew", "-p", "my-profle", "--code", "123456"),
                    6,
                    "cannot reach STS",
                    "connection refused");
        }

        @Test
        void slowReplyEndsWithinTheTimeoutAndTheCodeIsNotSentTwice() throws Exception {
            sts.failNext(Fault.delay(Duration.ofSeconds(8)));
            long start = System.nanoTime();
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 6, "did not answer", "next code");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 8);
            assertEquals(1, sts.calls("GetSessionToken").size());
        }

        @Test
        void lostReplyAfterTheCodeWasUsed() throws Exception {
            sts.failNext(Fault.consumeThenDrop());
            assertFailure(cli.run("renew", "-p", "my-profle", "--code", "123456"), 6, "may be used up", "next code");
            assertEquals(1, sts.calls("GetSessionToken").size());
        }

        @Test
        void missingProfile() throws Exception {
            assertFailure(cli.run("renew", "-p", "nope", "--code", "123456"), 3, "'nope' not found");
        }
    }
}
