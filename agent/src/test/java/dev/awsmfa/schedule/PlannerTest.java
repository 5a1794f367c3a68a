package dev.awsmfa.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.StatusReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan as a pure function of the files' content and the time. */
class PlannerTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration LEAD = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @BeforeEach
    void config() throws Exception {
        Files.writeString(
                dir.resolve("config"),
                String.join(
                        "\n",
                        "[profile dev]",
                        "source_profile = jane",
                        "mfa_serial = arn:aws:iam::111111111111:mfa/jane",
                        "[profile stage]",
                        "source_profile = jane",
                        "mfa_serial = arn:aws:iam::111111111111:mfa/jane",
                        "aws_mfa_agent_lead_minutes = 20",
                        "[profile prod]",
                        "source_profile = ops",
                        "mfa_serial = arn:aws:iam::222222222222:mfa/ops",
                        "[profile admin]",
                        "source_profile = dev",
                        "aws_mfa_agent_role_arn = arn:aws:iam::111111111111:role/admin",
                        ""));
    }

    List<ProfileStatus> at(Instant now, String devUntil, String stageUntil, String prodUntil) throws Exception {
        return at(now, devUntil, stageUntil, prodUntil, null);
    }

    List<ProfileStatus> at(Instant now, String devUntil, String stageUntil, String prodUntil, String adminUntil)
            throws Exception {
        StringBuilder c = new StringBuilder("[jane]\naws_access_key_id = AKIAJANEEXAMPLE\naws_secret_access_key = s\n"
                + "[ops]\naws_access_key_id = AKIAOPSEXAMPLE\naws_secret_access_key = s\n");
        for (String[] p :
                new String[][] {{"dev", devUntil}, {"stage", stageUntil}, {"prod", prodUntil}, {"admin", adminUntil}}) {
            if (p[1] != null) {
                c.append('[')
                        .append(p[0])
                        .append("]\naws_session_token = t\naws_session_expiration = ")
                        .append(p[1])
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve("credentials"), c);
        ProfileCatalog catalog =
                ProfileCatalog.load(new AwsFiles(dir.resolve("config"), dir.resolve("credentials")), Map.of());
        return StatusReader.read(catalog, now, LEAD);
    }

    @Test
    @DisplayName("profiles of one device get one prompt, early enough for each member's own lead")
    void groupsByDevice() throws Exception {
        List<Step> plan = Planner.plan(
                at(NOW, "2026-11-30T15:00:00Z", "2026-11-30T15:05:00Z", "2026-11-30T18:00:00Z"), NOW, List.of());
        List<Step> prompts =
                plan.stream().filter(s -> s.kind() == Step.Kind.PROMPT).toList();
        assertEquals(2, prompts.size());
        assertEquals(List.of("dev", "stage"), prompts.get(0).profiles());
        assertEquals(Instant.parse("2026-11-30T14:45:00Z"), prompts.get(0).at(), "stage's 15:05 minus its 20 min lead");
        assertEquals(List.of("prod"), prompts.get(1).profiles());
        assertEquals(Instant.parse("2026-11-30T17:50:00Z"), prompts.get(1).at());
    }

    @Test
    @DisplayName("a notice is planned for the moment each device's session ends")
    void expiredNotice() throws Exception {
        List<Step> plan = Planner.plan(at(NOW, "2026-11-30T15:00:00Z", null, null), NOW, List.of());
        assertTrue(plan.contains(new Step(
                Instant.parse("2026-11-30T15:00:00Z"),
                Step.Kind.EXPIRED_NOTICE,
                plan.get(0).group(),
                List.of("dev"),
                Instant.parse("2026-11-30T15:00:00Z"))));
    }

    @Test
    @DisplayName("a session already ended at start is prompted for at once, without an end notice")
    void expiredAtStart() throws Exception {
        List<Step> plan = Planner.plan(at(NOW, "2026-11-30T09:00:00Z", null, null), NOW, List.of());
        assertEquals(1, plan.size());
        assertEquals(Step.Kind.PROMPT, plan.get(0).kind());
        assertEquals(NOW, plan.get(0).at());
    }

    @Test
    @DisplayName("after a wake or a clock jump the same files give prompts now for every device that ended")
    void afterWake() throws Exception {
        Instant woke = Instant.parse("2026-11-30T20:00:00Z");
        List<Step> plan = Planner.plan(
                at(woke, "2026-11-30T15:00:00Z", "2026-11-30T16:00:00Z", "2026-11-30T18:00:00Z"), woke, List.of());
        assertEquals(2, plan.size(), "one prompt per device, no stale notices: " + plan);
        assertTrue(plan.stream().allMatch(s -> s.kind() == Step.Kind.PROMPT && s.at().equals(woke)));
    }

    @Test
    @DisplayName("within the lead time, the prompt is due now")
    void withinLead() throws Exception {
        List<Step> plan = Planner.plan(at(NOW, "2026-11-30T12:05:00Z", null, null), NOW, List.of());
        assertEquals(NOW, plan.get(0).at());
        assertEquals(Step.Kind.PROMPT, plan.get(0).kind());
    }

    @Test
    @DisplayName(
            "a lead as long as the lifetime is halved: a 15-minute session just renewed is not prompted again at once")
    void leadAtMostHalfTheLifetime() throws Exception {
        Files.writeString(
                dir.resolve("config"),
                Files.readString(dir.resolve("config"))
                        .replace(
                                "[profile prod]\n",
                                "[profile prod]\nduration_seconds = 900\naws_mfa_agent_lead_minutes = 15\n"));
        List<Step> plan = Planner.plan(at(NOW, null, null, "2026-11-30T12:15:00Z"), NOW, List.of());
        Step prompt = plan.stream()
                .filter(s -> s.kind() == Step.Kind.PROMPT)
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("prod"), prompt.profiles());
        assertEquals(Instant.parse("2026-11-30T12:07:30Z"), prompt.at());
    }

    @Test
    @DisplayName("a 90-minute lead for a 1-hour role: refreshed after half an hour, not the moment it was assumed")
    void roleLeadAtMostHalfItsHour() throws Exception {
        Files.writeString(
                dir.resolve("config"),
                Files.readString(dir.resolve("config"))
                        .replace("[profile admin]\n", "[profile admin]\naws_mfa_agent_lead_minutes = 90\n"));
        List<Step> plan = Planner.plan(
                at(NOW, "2026-11-30T23:00:00Z", "2026-11-30T23:00:00Z", null, "2026-11-30T13:00:00Z"), NOW, List.of());
        Step refresh = plan.stream()
                .filter(s -> s.kind() == Step.Kind.ROLE_REFRESH)
                .findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2026-11-30T12:30:00Z"), refresh.at());
    }

    @Test
    @DisplayName("cancel before the end snoozes to the end; cancel after it waits for the user")
    void snooze() throws Exception {
        List<ProfileStatus> s = at(NOW, "2026-11-30T12:05:00Z", null, null);
        Step first = Planner.plan(s, NOW, List.of()).get(0);
        Instant end = Instant.parse("2026-11-30T12:05:00Z");
        List<Step> snoozed = Planner.plan(s, NOW, List.of(new Planner.Snooze(first.group(), end, NOW)));
        assertEquals(
                end,
                snoozed.stream()
                        .filter(x -> x.kind() == Step.Kind.PROMPT)
                        .findFirst()
                        .orElseThrow()
                        .at());

        Instant later = end.plusSeconds(60);
        List<ProfileStatus> ended = at(later, "2026-11-30T12:05:00Z", null, null);
        assertFalse(Planner.plan(ended, later, List.of(new Planner.Snooze(first.group(), end, later))).stream()
                .anyMatch(x -> x.kind() == Step.Kind.PROMPT));
        assertEquals(
                1,
                Planner.plan(ended, later, List.of(new Planner.Snooze(first.group(), end.minusSeconds(3600), later)))
                        .size(),
                "a snooze for an older session does not silence the new one");
    }

    @Test
    @DisplayName("a chained role is renewed silently before it ends while its MFA session lives on; no prompt for it")
    void chainedRoleRefresh() throws Exception {
        List<Step> plan =
                Planner.plan(at(NOW, "2026-11-30T22:00:00Z", null, null, "2026-11-30T12:40:00Z"), NOW, List.of());
        Step refresh = plan.stream()
                .filter(s -> s.kind() == Step.Kind.ROLE_REFRESH)
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("admin"), refresh.profiles());
        assertEquals(Instant.parse("2026-11-30T12:30:00Z"), refresh.at());
        assertEquals(
                Instant.parse("2026-11-30T21:50:00Z"),
                plan.stream()
                        .filter(s -> s.kind() == Step.Kind.PROMPT)
                        .findFirst()
                        .orElseThrow()
                        .at(),
                "the device prompt follows the session, not the hourly role");
    }

    @Test
    @DisplayName("a role whose MFA session is ending waits for the device prompt, which renews both")
    void chainedRoleWithEndingSession() throws Exception {
        List<Step> plan =
                Planner.plan(at(NOW, "2026-11-30T12:03:00Z", null, null, "2026-11-30T12:02:00Z"), NOW, List.of());
        assertTrue(plan.stream().noneMatch(s -> s.kind() == Step.Kind.ROLE_REFRESH), plan.toString());
        assertEquals(
                NOW,
                plan.stream()
                        .filter(s -> s.kind() == Step.Kind.PROMPT)
                        .findFirst()
                        .orElseThrow()
                        .at());
    }

    @Test
    @DisplayName("never-renewed profiles are not prompted for by themselves")
    void neverRenewed() throws Exception {
        assertTrue(Planner.plan(at(NOW, null, null, null), NOW, List.of()).isEmpty());
    }

    @Test
    @DisplayName("the wake detector sees suspend, a frozen process and a wall-clock jump, not a normal beat")
    void wakeDetector() {
        Duration every = Duration.ofSeconds(30);
        WakeDetector d = new WakeDetector(Duration.ofSeconds(5));
        long wall = 1_000_000;
        long mono = 0;
        assertFalse(d.beat(wall, mono, every));
        assertFalse(d.beat(wall += 30_000, mono += 30_000_000_000L, every), "normal beat");
        assertTrue(
                d.beat(wall += 3_600_000, mono += 30_000_000_000L, every),
                "suspend: wall moved an hour, monotonic did not");
        assertTrue(
                d.beat(wall += 600_000, mono += 600_000_000_000L, every),
                "frozen (SIGSTOP): the beat came 10 min late");
        assertTrue(d.beat(wall -= 120_000, mono += 30_000_000_000L, every), "clock set back");
        assertFalse(d.beat(wall += 30_000, mono += 30_000_000_000L, every));
    }
}
