package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SystemZoneClockTest {

    @Test
    @DisplayName("the system's time in the system's zone, as Clock.systemDefaultZone() gives them")
    void likeTheSystemDefaultZoneClock() {
        SystemZoneClock clock = new SystemZoneClock();
        assertEquals(ZoneId.systemDefault(), clock.getZone());
        Instant before = Instant.now();
        Instant now = clock.instant();
        assertTrue(!now.isBefore(before) && Duration.between(before, now).toSeconds() < 5, now + " after " + before);
        assertEquals(ZoneOffset.UTC, clock.withZone(ZoneOffset.UTC).getZone());
    }
}
