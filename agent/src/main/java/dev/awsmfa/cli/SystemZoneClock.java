package dev.awsmfa.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the system's time zone, like {@link Clock#systemDefaultZone()}, but the zone is looked up
 * when first asked for rather than when the clock is made: java.time loads every zone's rules for it (tzdb.dat,
 * and a scan of the jar for rule providers), about 10 ms that {@code status} spends on a second thread while it
 * reads the AWS files. Once found, the zone stays: one run shows its times in one zone.
 */
final class SystemZoneClock extends Clock {
    private volatile ZoneId zone;

    @Override
    public ZoneId getZone() {
        ZoneId z = zone;
        if (z == null) {
            z = ZoneId.systemDefault();
            zone = z;
        }
        return z;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.system(other);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "SystemZoneClock[" + getZone() + "]";
    }
}
