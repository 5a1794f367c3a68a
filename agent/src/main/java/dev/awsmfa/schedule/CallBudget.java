package dev.awsmfa.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one place that decides when an automatic STS call (and the automatic prompt before one) may happen,
 * per profile: not within {@link Rules#floor} of the last call, not before half the lifetime of what our last
 * renewal got has passed, backing off exponentially after failures, and never more than
 * {@link Rules#hourlyCeiling} calls in an hour; reaching the ceiling stops automatic calls for the profile
 * until the user renews it by hand. Clicks are not automatic: they always go, and clear a stop.
 *
 * <p>The floor, the backoff and the ceiling count monotonic time (injected, {@code System::nanoTime} in the
 * agent): a wall-clock jump neither frees them nor blocks them for the length of the jump. The half-lifetime
 * rule counts wall time, since a suspend stops the monotonic clock but not a session's end (after a night
 * asleep, the ended session is asked for at once); a wall clock set back past the renewal drops that rule,
 * and the floor still holds.
 */
public final class CallBudget {

    /** The limits; see docs/RELIABILITY.md ("Never storm STS") for the worst case they give. */
    public record Rules(Duration floor, Duration maxBackoff, int hourlyCeiling) {
        public static final Rules STANDARD = new Rules(Duration.ofMinutes(5), Duration.ofHours(1), 10);
    }

    /** What an automatic call may do now. */
    public enum Verdict {
        ALLOWED,
        TOO_EARLY,
        STOPPED
    }

    private static final long HOUR = Duration.ofHours(1).toNanos();

    private final Rules rules;
    private final Supplier<Instant> wall;
    private final LongSupplier nanos;
    private final Map<String, History> profiles = new HashMap<>();

    public CallBudget(Rules rules, Supplier<Instant> wall, LongSupplier monotonicNanos) {
        this.rules = rules;
        this.wall = wall;
        this.nanos = monotonicNanos;
    }

    /** One profile's recent calls, in monotonic nanoseconds. */
    private static final class History {
        final Deque<Long> automatic = new ArrayDeque<>();
        Long lastCall;
        /** After our own renewal (wall time): when it was made, and half of what it got. */
        Instant renewedAt;

        Instant halfLife;
        int failures;
        Long lastFailure;
        boolean stopped;
    }

    /** Asks to make one automatic call for each of {@code names} now; when allowed, it is counted. */
    public synchronized Verdict tryAutomatic(Collection<String> names) {
        long now = nanos.getAsLong();
        for (String name : names) {
            History h = history(name, now);
            if (h.stopped) {
                return Verdict.STOPPED;
            }
        }
        for (String name : names) {
            if (wait(history(name, now), now, wall.get()) > 0) {
                return Verdict.TOO_EARLY;
            }
        }
        Verdict verdict = Verdict.ALLOWED;
        for (String name : names) {
            History h = history(name, now);
            if (h.automatic.size() >= rules.hourlyCeiling()) {
                h.stopped = true;
                verdict = Verdict.STOPPED;
            }
        }
        if (verdict == Verdict.ALLOWED) {
            for (String name : names) {
                History h = history(name, now);
                h.automatic.addLast(now);
                h.lastCall = now;
            }
        }
        return verdict;
    }

    /** A call the user asked for: never refused; it clears a stop and the backoff. */
    public synchronized void manual(Collection<String> names) {
        long now = nanos.getAsLong();
        for (String name : names) {
            History h = history(name, now);
            h.stopped = false;
            h.failures = 0;
            h.lastCall = now;
        }
    }

    /** The call for {@code name} gave credentials valid for {@code lifetime}. */
    public synchronized void succeeded(String name, Duration lifetime) {
        History h = history(name, nanos.getAsLong());
        h.failures = 0;
        h.renewedAt = wall.get();
        h.halfLife = h.renewedAt.plus(lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(2));
    }

    public synchronized void failed(String name) {
        long now = nanos.getAsLong();
        History h = history(name, now);
        h.failures++;
        h.lastFailure = now;
    }

    /**
     * The earliest moment an automatic call for all of {@code names} may happen, at or after {@code wish}
     * (a wall-clock moment); empty when one of them is stopped.
     */
    public synchronized Optional<Instant> notBefore(Collection<String> names, Instant wish) {
        long now = nanos.getAsLong();
        Instant wallNow = wall.get();
        long wait = 0;
        for (String name : names) {
            History h = history(name, now);
            if (h.stopped) {
                return Optional.empty();
            }
            wait = Math.max(wait, wait(h, now, wallNow));
        }
        Instant earliest = wallNow.plusNanos(wait);
        return Optional.of(wish.isAfter(earliest) ? wish : earliest);
    }

    /** The profiles whose automatic calls stopped at the ceiling, for the tray. */
    public synchronized Set<String> stopped() {
        Set<String> names = new TreeSet<>();
        profiles.forEach((name, h) -> {
            if (h.stopped) {
                names.add(name);
            }
        });
        return names;
    }

    /** Nanoseconds until an automatic call may happen; 0 when it may now. */
    private long wait(History h, long now, Instant wallNow) {
        long until = now;
        if (h.lastCall != null) {
            until = Math.max(until, h.lastCall + rules.floor().toNanos());
        }
        if (h.halfLife != null && !wallNow.isBefore(h.renewedAt) && wallNow.isBefore(h.halfLife)) {
            until = Math.max(until, now + Duration.between(wallNow, h.halfLife).toNanos());
        }
        if (h.failures > 0) {
            long backoff = rules.floor().toNanos() << Math.min(h.failures - 1, 20);
            until = Math.max(
                    until, h.lastFailure + Math.min(backoff, rules.maxBackoff().toNanos()));
        }
        return until - now;
    }

    private History history(String name, long now) {
        History h = profiles.computeIfAbsent(name, n -> new History());
        while (!h.automatic.isEmpty() && now - h.automatic.peekFirst() >= HOUR) {
            h.automatic.removeFirst();
        }
        return h;
    }

    /**
     * The lead the plan uses: at most half the lifetime of the profile's credentials, so a renewal is never
     * due again the moment it was made (a 15-minute session with a 15-minute lead, a 1-hour role with 90).
     */
    public static Duration effectiveLead(Duration lead, Duration lifetime) {
        Duration half = lifetime.dividedBy(2);
        return lead.compareTo(half) > 0 ? half : lead;
    }

    public Rules rules() {
        return rules;
    }
}
