package dev.awsmfa.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profile.Layout;
import dev.awsmfa.profile.LongTermKeys;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.RoleTarget;
import dev.awsmfa.profile.StsEndpoint;
import dev.awsmfa.schedule.CallBudget.Verdict;
import dev.awsmfa.status.ProfileStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Automatic STS calls and prompts are bounded by one budget, whatever the settings, the clock and STS do. */
class CallBudgetTest {

    static final CallBudget.Rules RULES = CallBudget.Rules.STANDARD;
    static final long MINUTE = Duration.ofMinutes(1).toNanos();
    static final long HOUR = Duration.ofHours(1).toNanos();

    final AtomicLong mono = new AtomicLong(1_000 * HOUR);
    final java.util.concurrent.atomic.AtomicReference<Instant> clock =
            new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    final CallBudget budget = new CallBudget(RULES, clock::get, mono::get);

    @Test
    @DisplayName("a second automatic call within the floor waits; a click never does")
    void floor() {
        assertEquals(Verdict.ALLOWED, budget.tryAutomatic(List.of("dev")));
        mono.addAndGet(4 * MINUTE);
        assertEquals(Verdict.TOO_EARLY, budget.tryAutomatic(List.of("dev")));
        assertEquals(Verdict.ALLOWED, budget.tryAutomatic(List.of("stage")), "per profile");
        Instant wall = Instant.parse("2026-12-06T10:00:00Z");
        assertEquals(Optional.of(wall.plus(Duration.ofMinutes(1))), budget.notBefore(List.of("dev"), wall));
        budget.manual(List.of("dev"));
        mono.addAndGet(5 * MINUTE);
        assertEquals(Verdict.ALLOWED, budget.tryAutomatic(List.of("dev")));
    }

    @Test
    @DisplayName("after failures the wait doubles from the floor up to an hour; a success resets it")
    void backoff() {
        List<Long> waits = new ArrayList<>();
        Instant wall = Instant.parse("2026-12-06T10:00:00Z");
        for (int i = 0; i < 6; i++) {
            budget.failed("role");
            waits.add(Duration.between(
                            wall, budget.notBefore(List.of("role"), wall).orElseThrow())
                    .toMinutes());
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L), waits);
        budget.succeeded("role", Duration.ZERO);
        assertEquals(Optional.of(wall), budget.notBefore(List.of("role"), wall));
    }

    @Test
    @DisplayName("after what a renewal got, the next automatic call waits for half of its lifetime")
    void halfLife() {
        Instant wall = Instant.parse("2026-12-06T10:00:00Z");
        budget.succeeded("dev", Duration.ofMinutes(15));
        assertEquals(Optional.of(wall.plusSeconds(450)), budget.notBefore(List.of("dev"), wall));
        assertEquals(Verdict.TOO_EARLY, budget.tryAutomatic(List.of("dev")));
    }

    @Test
    @DisplayName("after a suspend past the session's end (wall time on, monotonic time still), it is asked for at once")
    void suspendDoesNotHoldBackTheEndedSession() {
        assertEquals(Verdict.ALLOWED, budget.tryAutomatic(List.of("dev")));
        budget.succeeded("dev", Duration.ofHours(12));
        mono.addAndGet(10 * MINUTE);
        clock.set(clock.get().plus(Duration.ofHours(20)));
        assertEquals(Optional.of(clock.get()), budget.notBefore(List.of("dev"), clock.get()));
        assertEquals(Verdict.ALLOWED, budget.tryAutomatic(List.of("dev")));
    }

    @Test
    @DisplayName("a wall clock set back past the renewal does not hold it back for the length of the jump")
    void clockSetBack() {
        budget.succeeded("dev", Duration.ofHours(12));
        clock.set(clock.get().minus(Duration.ofDays(2)));
        assertEquals(Optional.of(clock.get()), budget.notBefore(List.of("dev"), clock.get()));
    }

    @Test
    @DisplayName("the hourly ceiling stops automatic calls until a click; no plan is made for a stopped profile")
    void ceiling() {
        for (int i = 0; i < RULES.hourlyCeiling(); i++) {
            assertEquals(Verdict.ALLOWED, budget.tryAutomatic(List.of("role")), "call " + i);
            mono.addAndGet(RULES.floor().toNanos());
        }
        assertEquals(Verdict.STOPPED, budget.tryAutomatic(List.of("role")));
        mono.addAndGet(3 * HOUR);
        assertEquals(Verdict.STOPPED, budget.tryAutomatic(List.of("role")), "stays stopped");
        assertEquals(java.util.Set.of("role"), budget.stopped());
        Instant wall = Instant.parse("2026-12-06T10:00:00Z");
        assertEquals(Optional.empty(), budget.notBefore(List.of("role"), wall));
        budget.manual(List.of("role"));
        mono.addAndGet(RULES.floor().toNanos());
        assertEquals(Verdict.ALLOWED, budget.tryAutomatic(List.of("role")));
    }

    @Test
    @DisplayName("the lead is at most half the lifetime: 15-minute session with a 15-minute lead, 1-hour role with 90")
    void effectiveLead() {
        assertEquals(Duration.ofSeconds(450), CallBudget.effectiveLead(Duration.ofMinutes(15), Duration.ofMinutes(15)));
        assertEquals(Duration.ofMinutes(30), CallBudget.effectiveLead(Duration.ofMinutes(90), Duration.ofHours(1)));
        assertEquals(Duration.ofMinutes(10), CallBudget.effectiveLead(Duration.ofMinutes(10), Duration.ofHours(12)));
    }

    /**
     * The planner and the budget together, as the agent runs them: random leads, lifetimes (also shorter than
     * configured), failure rates, wall-clock jumps and clicks. Every step the plan makes is fired the moment it
     * is due, as the scheduler does, and the automatic calls are counted in true (monotonic) time.
     */
    @Test
    @DisplayName(
            "property: automatic calls per profile stay within the ceiling in every hour, at least the floor apart")
    void neverStorms() {
        long seed = Long.getLong("budget.seed", 20261206L);
        int worst = 0;
        for (int trial = 0; trial < 400; trial++) {
            Random random = new Random(seed + trial);
            Map<String, List<Long>> calls = simulate(random);
            for (Map.Entry<String, List<Long>> e : calls.entrySet()) {
                List<Long> t = e.getValue();
                for (int i = 0; i < t.size(); i++) {
                    int inHour = 0;
                    for (int j = i; j < t.size() && t.get(j) - t.get(i) < HOUR; j++) {
                        inHour++;
                    }
                    worst = Math.max(worst, inHour);
                    assertTrue(
                            inHour <= RULES.hourlyCeiling(),
                            "seed " + (seed + trial) + ": " + e.getKey() + " made " + inHour
                                    + " automatic calls within an hour");
                    assertTrue(
                            i == 0 || t.get(i) - t.get(i - 1) >= RULES.floor().toNanos(),
                            "seed " + (seed + trial) + ": " + e.getKey() + " called twice within the floor");
                }
            }
        }
        assertTrue(worst >= RULES.hourlyCeiling() / 2, "the trials reach the budget: " + worst);
        System.out.println("CallBudgetTest: 400 trials, worst automatic calls per profile in one hour: " + worst);
    }

    private static Map<String, List<Long>> simulate(Random random) {
        AtomicLong mono = new AtomicLong(0);
        Instant[] wallStart = {Instant.parse("2026-12-06T00:00:00Z")};
        CallBudget budget = new CallBudget(RULES, () -> wallStart[0].plusNanos(mono.get()), mono::get);
        int sessionSeconds = 900 + random.nextInt(43_200 - 900);
        int roleSeconds = 900 + random.nextInt(3600 - 900);
        Duration sessionLead = Duration.ofMinutes(random.nextInt(24 * 60));
        Duration roleLead = Duration.ofMinutes(random.nextInt(180));
        double failureRate = random.nextDouble();
        boolean shortLived = random.nextBoolean(); // STS gives less than configured (a role's max session, say)
        ManagedProfile dev = profile("dev", sessionSeconds, Optional.empty());
        ManagedProfile role = profile(
                "role",
                sessionSeconds,
                Optional.of(new RoleTarget(
                        "arn:aws:iam::123456789012:role/r", Optional.empty(), "s", roleSeconds, Optional.of("dev"))));
        Map<String, Instant> expiry =
                new HashMap<>(Map.of("dev", wallStart[0].minusSeconds(60), "role", wallStart[0].minusSeconds(60)));
        Map<String, List<Long>> calls = new HashMap<>(Map.of("dev", new ArrayList<>(), "role", new ArrayList<>()));
        for (int step = 0; step < 5_000 && mono.get() < 12 * HOUR; step++) {
            if (random.nextInt(20) == 0) {
                wallStart[0] = wallStart[0].plus(Duration.ofMinutes(random.nextInt(48 * 60) - 24 * 60)); // clock jump
            }
            if (random.nextInt(50) == 0) {
                budget.manual(List.of(random.nextBoolean() ? "dev" : "role")); // a click
            }
            Instant wall = wallStart[0].plusNanos(mono.get());
            List<ProfileStatus> statuses =
                    List.of(status(dev, expiry.get("dev"), sessionLead), status(role, expiry.get("role"), roleLead));
            Optional<Step> next = Planner.plan(statuses, wall, List.of(), budget::notBefore).stream()
                    .filter(s -> s.kind() != Step.Kind.EXPIRED_NOTICE)
                    .findFirst();
            if (next.isEmpty()) {
                mono.addAndGet(10 * MINUTE);
                continue;
            }
            mono.addAndGet(Math.max(0, Duration.between(wall, next.get().at()).toNanos()));
            List<String> names = next.get().profiles();
            if (budget.tryAutomatic(names) != Verdict.ALLOWED) {
                continue;
            }
            for (String name : names) {
                calls.get(name).add(mono.get());
                if (random.nextDouble() < failureRate) {
                    budget.failed(name);
                } else {
                    int configured = name.equals("dev") ? sessionSeconds : roleSeconds;
                    Duration got = Duration.ofSeconds(shortLived ? 1 + random.nextInt(configured) : configured);
                    expiry.put(name, wallStart[0].plusNanos(mono.get()).plus(got));
                    budget.succeeded(name, got);
                }
            }
        }
        return calls;
    }

    private static ManagedProfile profile(String name, int duration, Optional<RoleTarget> role) {
        return new ManagedProfile(
                name,
                Layout.STANDARD,
                "jane",
                new LongTermKeys("AKIAEXAMPLE", "secret"),
                "arn:aws:iam::123456789012:mfa/jane",
                duration,
                "us-east-1",
                new StsEndpoint(URI.create("https://sts.amazonaws.com"), "test", false),
                Optional.empty(),
                Optional.empty(),
                role);
    }

    private static ProfileStatus status(ManagedProfile p, Instant expiry, Duration lead) {
        return new ProfileStatus(
                p.name(),
                Optional.of(p),
                Optional.empty(),
                expiry == null ? ProfileStatus.State.NEVER_RENEWED : ProfileStatus.State.FRESH,
                Optional.ofNullable(expiry),
                lead);
    }
}
