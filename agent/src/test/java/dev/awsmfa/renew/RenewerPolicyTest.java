package dev.awsmfa.renew;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.sts.Sts;
import dev.awsmfa.sts.StsFailure;
import dev.awsmfa.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renewal policy against a fake STS (no HTTP): partial success, each role once, one code per step. */
class RenewerPolicyTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/";

    @TempDir
    Path dir;

    ProfileCatalog catalog;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:10Z"));
    final List<String> calls = new ArrayList<>();
    final List<Duration> slept = new ArrayList<>();
    Set<String> refused = Set.of();

    /** Records each call; refuses the roles in {@link #refused}. */
    final Sts sts = new Sts() {
        @Override
        public SessionCredentials getSessionToken(ManagedProfile profile, String code, int durationSeconds) {
            calls.add("GetSessionToken " + profile.name());
            return creds("ASIASESSION");
        }

        @Override
        public SessionCredentials assumeRole(
                ManagedProfile profile, Optional<SessionCredentials> session, Optional<String> code) throws StsFailure {
            String arn = profile.role().orElseThrow().roleArn();
            calls.add("AssumeRole " + arn.substring(ROLE.length())
                    + code.map(c -> " with code").orElse(""));
            if (refused.contains(profile.name())) {
                throw new StsFailure(StsFailure.Kind.ACCESS_DENIED, "not allowed to assume " + arn);
            }
            return creds("ASIAROLE" + arn.substring(ROLE.length()).toUpperCase());
        }
    };

    SessionCredentials creds(String id) {
        return new SessionCredentials(
                id, "secret", "token-" + id, clock.instant().plus(Duration.ofHours(1)));
    }

    final CodePrompt prompt = (request, attempt) -> {
        attempt.submit("123456");
        return true;
    };

    @BeforeEach
    void files() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(
                config,
                Files.readString(Path.of("../config-samples/roles/config"))
                        + "\n[profile role-x]\nsource_profile = jane\nmfa_serial = " + SERIAL
                        + "\naws_mfa_agent_role_arn = " + ROLE + "x\n");
        Files.writeString(
                dir.resolve("credentials"),
                "[jane]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");
        catalog = ProfileCatalog.load(new AwsFiles(config, dir.resolve("credentials")), Map.of());
    }

    Renewer renewer() {
        return new Renewer(sts, clock, d -> {
            slept.add(d);
            clock.advance(d);
        });
    }

    List<ManagedProfile> group(String... names) throws Exception {
        List<ManagedProfile> group = new ArrayList<>();
        for (String n : names) {
            group.add(catalog.resolve(n));
        }
        return group;
    }

    @Test
    @DisplayName("one role refused: the session and the other roles are written, the refused one is listed with why")
    void partial() throws Exception {
        refused = Set.of("role-b");
        Renewal r = renewer()
                .renew(
                        dir.resolve("credentials"),
                        group("dev", "role-a", "role-b", "role-c"),
                        prompt,
                        Renewer.Options.standard());
        assertEquals(List.of("dev", "role-a", "role-c"), r.profiles());
        assertEquals(
                List.of(new Renewal.Failed(
                        "role-b", RenewFailure.Reason.STS_REJECTED, "not allowed to assume " + ROLE + "b")),
                r.failed());
        String file = Files.readString(dir.resolve("credentials"));
        assertTrue(file.contains("[role-c]") && !file.contains("[role-b]"), file);
    }

    @Test
    @DisplayName(
            "every role refused after the session: the session is still renewed; nothing renewed at all is a failure")
    void nothingButTheSession() throws Exception {
        refused = Set.of("role-a", "role-b");
        Renewal r = renewer()
                .renew(
                        dir.resolve("credentials"),
                        group("dev", "role-a", "role-b"),
                        prompt,
                        Renewer.Options.standard());
        assertEquals(List.of("dev"), r.profiles());
        assertEquals(2, r.failed().size());
        RenewFailure f = assertThrows(
                RenewFailure.class,
                () -> renewer()
                        .renew(
                                dir.resolve("credentials"),
                                group("role-x"),
                                (request, attempt) -> {
                                    refused = Set.of("role-x");
                                    attempt.submit("654321");
                                    return true;
                                },
                                Renewer.Options.standard()));
        assertEquals(RenewFailure.Reason.STS_REJECTED, f.reason());
    }

    @Test
    @DisplayName("a profile listed twice is renewed once: one GetSessionToken, each role assumed once")
    void eachOnce() throws Exception {
        renewer()
                .renew(
                        dir.resolve("credentials"),
                        group("dev", "role-a", "dev", "role-a", "role-b", "role-a"),
                        prompt,
                        Renewer.Options.standard());
        assertEquals(List.of("GetSessionToken dev", "AssumeRole a", "AssumeRole b"), calls);
    }

    @Test
    @DisplayName("within one renewal the second code waits for the next step; the next renewal's prompt shows at once")
    void nextStepWithinARenewal() throws Exception {
        Renewer renewer = renewer();
        renewer.renew(dir.resolve("credentials"), group("dev", "role-x"), prompt, Renewer.Options.standard());
        assertEquals(List.of(Duration.ofSeconds(20)), slept, "12:00:10 to the step at 12:00:30");
        renewer.renew(dir.resolve("credentials"), group("role-x"), prompt, Renewer.Options.standard());
        assertEquals(1, slept.size(), "a click right after is not held back");
        assertEquals(List.of("GetSessionToken dev", "AssumeRole x with code", "AssumeRole x with code"), calls);
    }
}
