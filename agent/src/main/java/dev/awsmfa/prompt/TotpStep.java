package dev.awsmfa.prompt;

import java.time.Duration;
import java.time.Instant;

/**
 * The TOTP time step, for everything that waits for the next code: an authenticator shows a new code every
 * 30 seconds, and AWS takes each code once.
 */
public final class TotpStep {

    public static final Duration LENGTH = Duration.ofSeconds(30);

    private TotpStep() {}

    /** Waits; injected so tests move a clock instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** When the step after the one holding {@code t} begins: the earliest a new code shows. */
    public static Instant next(Instant t) {
        long step = LENGTH.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), step) * step + step);
    }
}
