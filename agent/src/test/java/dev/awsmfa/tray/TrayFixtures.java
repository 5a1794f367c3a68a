package dev.awsmfa.tray;

import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.ProfileStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Profile statuses at a fixed moment, for tests that need a few. */
final class TrayFixtures {
    /** Tuesday 2026-03-10 12:20 UTC. */
    static final Instant NOW = Instant.parse("2026-03-10T12:20:00Z");

    private TrayFixtures() {}

    static ProfileStatus expiring(String name, int minutesLeft) {
        return at(name, State.EXPIRING, minutesLeft);
    }

    static ProfileStatus fresh(String name, int minutesLeft) {
        return at(name, State.FRESH, minutesLeft);
    }

    private static ProfileStatus at(String name, State state, int minutesLeft) {
        return new ProfileStatus(
                name,
                Optional.empty(),
                Optional.empty(),
                state,
                Optional.of(NOW.plus(Duration.ofMinutes(minutesLeft))),
                Duration.ofMinutes(15));
    }
}
