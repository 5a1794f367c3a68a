package dev.awsmfa.renew;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.prompt.LinePrompt;
import dev.awsmfa.sts.StsSessions;
import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.IniOracles;
import dev.awsmfa.testing.MutableClock;
import dev.awsmfa.testing.RequiredTools;
import dev.awsmfa.testing.StsStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One code renews every profile of a device: roles chained from one MFA session, direct roles, aws-mfa's assume_role. */
class RoleProfilesTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/";

    @TempDir
    Path home;

    StsStub sts;
    CliRun cli;
    Path config;
    Path credentials;

    @BeforeEach
    void setUp() throws Exception {
        sts = new StsStub();
        sts.addUser(KEY, SECRET, SERIAL);
        for (String r : List.of("a", "b", "c", "x", "y")) {
            sts.addRole(ROLE + r, 43200);
        }
        cli = new CliRun(home);
        cli.useSts(sts);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        config = aws.resolve("config");
        credentials = aws.resolve("credentials");
        Files.copy(Path.of("../config-samples/roles/config"), config);
        Files.writeString(
                credentials, "[jane]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");
    }

    @AfterEach
    void tearDown() {
        sts.close();
    }

    @Test
    @DisplayName("three chained roles: one code, one GetSessionToken, three AssumeRole calls without codes")
    void oneCodeForThreeRoles() throws Exception {
        sts.acceptCodes("123456");
        CliRun.Result r = cli.run("renew", "-p", "dev", "--code", "123456");
        assertEquals(0, r.exit(), r.all());
        assertEquals(1, sts.calls("GetSessionToken").size());
        List<StsStub.Call> assumes = sts.calls("AssumeRole");
        assertEquals(3, assumes.size());
        String session = sts.issued().get(0).accessKeyId();
        for (StsStub.Call c : assumes) {
            assertNull(c.param("TokenCode"), "no code on a chained AssumeRole");
            assertEquals(session, c.accessKeyId(), "signed with the MFA session");
            assertTrue(c.signatureValid());
        }
        assertEquals(
                "ops-external-id",
                assumes.stream()
                        .filter(c -> c.param("RoleArn").endsWith("/c"))
                        .findFirst()
                        .orElseThrow()
                        .param("ExternalId"));
        Map<String, Map<String, String>> file = IniOracles.python(credentials);
        for (StsStub.IssuedCredentials issued : sts.issued().subList(1, 4)) {
            String profile = "role-" + issued.arn().replaceAll(".*assumed-role/(\\w).*", "$1");
            assertEquals(issued.token(), file.get(profile).get("aws_session_token"), profile);
        }
        for (String p : List.of("dev", "role-a", "role-b", "role-c")) {
            assertTrue(r.out().contains("[" + p + "], valid until"), r.out());
        }
    }

    @Test
    @DisplayName("the real AWS CLI uses each role profile as it is, without assuming the role or prompting itself")
    void awsCliUsesRoleProfiles() throws Exception {
        RequiredTools.require(Path.of("/usr/bin/aws"), "Debian package awscli");
        sts.acceptCodes("123456");
        assertEquals(0, cli.run("renew", "-p", "dev", "--code", "123456").exit());
        Map<String, Map<String, String>> file = IniOracles.python(credentials);
        for (String profile : List.of("role-a", "role-b", "role-c")) {
            ProcessBuilder pb = new ProcessBuilder(
                    "/usr/bin/aws",
                    "sts",
                    "get-caller-identity",
                    "--profile",
                    profile,
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    sts.endpoint().toString(),
                    "--output",
                    "text",
                    "--query",
                    "Arn");
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            pb.environment().put("HOME", home.toString());
            pb.environment().put("AWS_CONFIG_FILE", config.toString());
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("assumed-role/" + profile.substring(5)), out);
            StsStub.Call last = sts.calls("GetCallerIdentity")
                    .get(sts.calls("GetCallerIdentity").size() - 1);
            assertEquals(file.get(profile).get("aws_access_key_id"), last.accessKeyId(), "used the written role keys");
        }
        assertEquals(3, sts.calls("AssumeRole").size(), "the CLI assumed no role itself");
    }

    @Test
    @DisplayName("a role is renewed from the live MFA session without a code")
    void silentRoleRenewal() throws Exception {
        sts.acceptCodes("123456");
        assertEquals(0, cli.run("renew", "-p", "dev", "--code", "123456").exit());
        CliRun.Result r = cli.run("renew", "-p", "role-b");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("no code needed"), r.out());
        assertEquals(1, sts.calls("GetSessionToken").size());
        assertEquals(4, sts.calls("AssumeRole").size());
    }

    @Test
    @DisplayName("a role asked for 2 hours from an MFA session is refused with the chaining message, nothing written")
    void chainingCap() throws Exception {
        Files.writeString(
                config,
                Files.readString(config).replace("[profile role-a]\n", "[profile role-a]\nduration_seconds = 7200\n"));
        byte[] before = Files.readAllBytes(credentials);
        sts.acceptCodes("123456");
        CliRun.Result r = cli.run("renew", "-p", "role-a", "--code", "123456");
        assertEquals(3, r.exit(), r.all());
        assertTrue(r.err().contains("1 hour") && r.err().contains("role chaining"), r.err());
        assertArrayEquals(before, Files.readAllBytes(credentials));
        assertEquals(0, sts.calls().size());
    }

    @Test
    @DisplayName("direct AssumeRole with MFA: the second role waits for the next 30-second code step")
    void directRolesWaitForTheNextStep() throws Exception {
        Files.writeString(
                config,
                Files.readString(config) + "\n[profile role-x]\nsource_profile = jane\nmfa_serial = " + SERIAL
                        + "\naws_mfa_agent_role_arn = " + ROLE + "x\nduration_seconds = 7200\n"
                        + "[profile role-y]\nsource_profile = jane\nmfa_serial = " + SERIAL
                        + "\naws_mfa_agent_role_arn = " + ROLE + "y\n");
        sts.acceptCodes("111111", "222222");
        ProfileCatalog catalog = ProfileCatalog.load(new AwsFiles(config, credentials), cli.env);
        List<ManagedProfile> roles = List.of(catalog.resolve("role-x"), catalog.resolve("role-y"));

        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:10Z"));
        List<Duration> slept = new ArrayList<>();
        Deque<String> codes = new ArrayDeque<>(List.of("111111", "222222"));
        List<Instant> askedAt = new ArrayList<>();
        LinePrompt prompt = new LinePrompt(1) {
            @Override
            protected Optional<String> read(CodeRequest request) {
                askedAt.add(clock.instant());
                return Optional.of(codes.pop());
            }
        };
        Renewer renewer = new Renewer(new StsSessions(cli.timeouts), clock, d -> {
            slept.add(d);
            clock.advance(d);
        });
        Renewal r = renewer.renew(credentials, roles, prompt, Renewer.Options.standard());

        assertEquals(List.of("role-x", "role-y"), r.profiles());
        assertEquals(List.of(Duration.ofSeconds(20)), slept, "waited from 12:00:10 to the step at 12:00:30");
        assertEquals(List.of(Instant.parse("2026-11-30T12:00:10Z"), Instant.parse("2026-11-30T12:00:30Z")), askedAt);
        List<StsStub.Call> assumes = sts.calls("AssumeRole");
        assertEquals(
                List.of("111111", "222222"),
                assumes.stream().map(c -> c.param("TokenCode")).toList());
        assertEquals(KEY, assumes.get(0).accessKeyId(), "direct: signed with the long-term key");
        assertEquals("7200", assumes.get(0).param("DurationSeconds"), "no chaining cap for a direct role");
        assertEquals(0, sts.calls("GetSessionToken").size());
    }

    @Test
    @DisplayName("aws-mfa's assume_role in a -long-term section: AssumeRole with MFA, written to [NAME]")
    void awsMfaAssumeRole() throws Exception {
        Files.writeString(
                credentials,
                Files.readString(credentials) + "\n[prod-long-term]\naws_access_key_id = " + KEY
                        + "\naws_secret_access_key = " + SECRET + "\naws_mfa_device = " + SERIAL + "\nassume_role = "
                        + ROLE + "a\n");
        sts.acceptCodes("333333");
        CliRun.Result r = cli.run("renew", "-p", "prod", "--code", "333333");
        assertEquals(0, r.exit(), r.all());
        StsStub.Call call = sts.calls("AssumeRole").get(0);
        assertEquals("333333", call.param("TokenCode"));
        assertEquals(SERIAL, call.param("SerialNumber"));
        assertEquals(
                sts.issued().get(0).token(),
                IniOracles.python(credentials).get("prod").get("aws_session_token"));
    }

    @Test
    @DisplayName("one role refused: the others are renewed, each profile listed as renewed or not, exit 10")
    void partialSuccess() throws Exception {
        Files.writeString(
                config,
                Files.readString(config) + "\n[profile role-d]\nsource_profile = dev\naws_mfa_agent_role_arn = " + ROLE
                        + "d\n");
        sts.acceptCodes("123456");
        CliRun.Result r = cli.run("renew", "-p", "dev", "--code", "123456");
        assertEquals(10, r.exit(), r.all());
        for (String p : List.of("dev", "role-a", "role-b", "role-c")) {
            assertTrue(r.out().contains("[" + p + "], valid until"), r.out());
        }
        assertTrue(r.err().contains("[role-d] not renewed: ") && r.err().contains("renewed 4 of 5 profiles"), r.err());
        assertEquals(4, sts.calls("AssumeRole").size(), "each role once, role-d included");
        Map<String, Map<String, String>> file = IniOracles.python(credentials);
        assertTrue(
                file.containsKey("role-c") && !file.containsKey("role-d"),
                file.keySet().toString());
    }
}
