package dev.awsmfa.status;

import dev.awsmfa.profile.ManagedProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One managed profile as of a moment: its setup (or why it is broken) and where its session stands. */
public record ProfileStatus(
        String name,
        Optional<ManagedProfile> profile,
        Optional<String> problem,
        State state,
        Optional<Instant> expiration,
        Duration lead) {

    public enum State {
        FRESH("fresh"),
        EXPIRING("expiring"),
        EXPIRED("expired"),
        NEVER_RENEWED("never renewed"),
        UNKNOWN_EXPIRY("expiry unknown"),
        BROKEN("setup error");

        public final String label;

        State(String label) {
            this.label = label;
        }
    }

    public Optional<Duration> timeLeft(Instant now) {
        return expiration.map(e -> Duration.between(now, e));
    }
}
