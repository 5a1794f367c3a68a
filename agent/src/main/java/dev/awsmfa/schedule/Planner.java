package dev.awsmfa.schedule;

import dev.awsmfa.credentials.StoredSession;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.renew.DeviceGroup;
import dev.awsmfa.status.ProfileStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When to prompt: a pure function of the profiles' state (read from the files), the time, and what the
 * user snoozed. The profiles one code renews ({@link DeviceGroup}) get one prompt, timed by the group's
 * earliest moment any member's expiry minus its lead comes. A session already ended is prompted for at once.
 */
public final class Planner {

    private Planner() {}

    /** A cancelled prompt for {@code device}, for the session ending at {@code expiration}. */
    public record Snooze(DeviceGroup.Key group, Instant expiration, Instant cancelledAt) {}

    /** A chained role is renewed from a session that still has this long to go; else the device prompt does it. */
    static final Duration SESSION_MARGIN = StoredSession.ROLE_MARGIN;

    /** When the budget lets an automatic step for {@code profiles} happen: at {@code wish} or later, or never. */
    @FunctionalInterface
    public interface Gate {
        Gate OPEN = (profiles, wish) -> java.util.Optional.of(wish);

        java.util.Optional<Instant> notBefore(List<String> profiles, Instant wish);
    }

    public static List<Step> plan(List<ProfileStatus> statuses, Instant now, List<Snooze> snoozes) {
        return plan(statuses, now, snoozes, Gate.OPEN);
    }

    /** The plan, each prompt and role refresh moved to when {@code gate} lets it happen (or left out). */
    public static List<Step> plan(List<ProfileStatus> statuses, Instant now, List<Snooze> snoozes, Gate gate) {
        Map<DeviceGroup.Key, List<ProfileStatus>> groups = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (ProfileStatus s : statuses) {
            if (s.profile().isEmpty()) {
                continue;
            }
            if (chained(s)) {
                roleRefresh(s, statuses, now)
                        .flatMap(r -> gate.notBefore(r.profiles(), r.at()).map(at -> withAt(r, at)))
                        .ifPresent(steps::add);
            } else if (s.expiration().isPresent()) {
                groups.computeIfAbsent(DeviceGroup.keyOf(s.profile().get()), d -> new ArrayList<>())
                        .add(s);
            }
        }
        for (Map.Entry<DeviceGroup.Key, List<ProfileStatus>> g : groups.entrySet()) {
            List<ProfileStatus> members = g.getValue();
            Instant expiry = members.stream()
                    .map(s -> s.expiration().get())
                    .min(Comparator.naturalOrder())
                    .get();
            List<String> names = members.stream().map(ProfileStatus::name).toList();
            // Early enough for every member: each one's expiry minus its own lead.
            Instant promptAt = members.stream()
                    .map(s -> s.expiration().get().minus(lead(s)))
                    .min(Comparator.naturalOrder())
                    .get();
            Snooze snooze = snoozes.stream()
                    .filter(z -> z.group().equals(g.getKey()) && z.expiration().equals(expiry))
                    .findFirst()
                    .orElse(null);
            if (snooze != null) {
                // Cancel before the end: ask again when the session ends. Cancel after it: wait for a click.
                promptAt = snooze.cancelledAt().isBefore(expiry) ? expiry : null;
            }
            java.util.Optional<Instant> allowed =
                    promptAt == null ? java.util.Optional.empty() : gate.notBefore(names, max(promptAt, now));
            allowed.ifPresent(at -> steps.add(new Step(at, Step.Kind.PROMPT, g.getKey(), names, expiry)));
            if (expiry.isAfter(now)) {
                steps.add(new Step(expiry, Step.Kind.EXPIRED_NOTICE, g.getKey(), names, expiry));
            }
        }
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    private static boolean chained(ProfileStatus s) {
        return s.profile().flatMap(ManagedProfile::role).map(r -> r.chained()).orElse(false);
    }

    /** Renew a chained role silently before it ends, while its MFA session lives on. */
    private static java.util.Optional<Step> roleRefresh(ProfileStatus role, List<ProfileStatus> statuses, Instant now) {
        String sessionName = role.profile().get().source();
        java.util.Optional<Instant> sessionEnd = statuses.stream()
                .filter(x -> x.name().equals(sessionName))
                .findFirst()
                .flatMap(ProfileStatus::expiration);
        if (sessionEnd.isEmpty() || !sessionEnd.get().isAfter(now.plus(SESSION_MARGIN))) {
            return java.util.Optional.empty();
        }
        Instant at = role.expiration().map(e -> e.minus(lead(role))).orElse(now);
        return java.util.Optional.of(new Step(
                max(at, now),
                Step.Kind.ROLE_REFRESH,
                DeviceGroup.keyOf(role.profile().get()),
                List.of(role.name()),
                role.expiration().orElse(now)));
    }

    /** The profile's lead, at most half its credentials' lifetime (see {@link CallBudget#effectiveLead}). */
    static Duration lead(ProfileStatus s) {
        ManagedProfile p = s.profile().orElseThrow();
        int seconds = p.role().map(r -> r.durationSeconds()).orElse(p.durationSeconds());
        return CallBudget.effectiveLead(s.lead(), Duration.ofSeconds(Math.max(0, seconds)));
    }

    private static Step withAt(Step s, Instant at) {
        return new Step(at, s.kind(), s.group(), s.profiles(), s.expiration());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
