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

    public static List<Step> plan(List<ProfileStatus> statuses, Instant now, List<Snooze> snoozes) {
        Map<DeviceGroup.Key, List<ProfileStatus>> groups = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (ProfileStatus s : statuses) {
            if (s.profile().isEmpty()) {
                continue;
            }
            if (chained(s)) {
                roleRefresh(s, statuses, now).ifPresent(steps::add);
            } else if (s.expiration().isPresent()) {
                groups.computeIfAbsent(DeviceGroup.keyOf(s.profile().get()), d -> new ArrayList<>()).add(s);
            }
        }
        for (Map.Entry<DeviceGroup.Key, List<ProfileStatus>> g : groups.entrySet()) {
            List<ProfileStatus> members = g.getValue();
            Instant expiry = members.stream().map(s -> s.expiration().get()).min(Comparator.naturalOrder()).get();
            List<String> names = members.stream().map(ProfileStatus::name).toList();
            // Early enough for every member: each one's expiry minus its own lead.
            Instant promptAt = members.stream().map(s -> s.expiration().get().minus(s.lead()))
                    .min(Comparator.naturalOrder()).get();
            Snooze snooze = snoozes.stream()
                    .filter(z -> z.group().equals(g.getKey()) && z.expiration().equals(expiry))
                    .findFirst().orElse(null);
            if (snooze != null) {
                // Cancel before the end: ask again when the session ends. Cancel after it: wait for a click.
                promptAt = snooze.cancelledAt().isBefore(expiry) ? expiry : null;
            }
            if (promptAt != null) {
                steps.add(new Step(max(promptAt, now), Step.Kind.PROMPT, g.getKey(), names, expiry));
            }
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
        java.util.Optional<Instant> sessionEnd = statuses.stream().filter(x -> x.name().equals(sessionName))
                .findFirst().flatMap(ProfileStatus::expiration);
        if (sessionEnd.isEmpty() || !sessionEnd.get().isAfter(now.plus(SESSION_MARGIN))) {
            return java.util.Optional.empty();
        }
        Instant at = role.expiration().map(e -> e.minus(role.lead())).orElse(now);
        return java.util.Optional.of(new Step(max(at, now), Step.Kind.ROLE_REFRESH, DeviceGroup.keyOf(role.profile().get()),
                List.of(role.name()), role.expiration().orElse(now)));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
