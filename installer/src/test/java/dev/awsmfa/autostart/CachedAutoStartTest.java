package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CachedAutoStartTest {

    /** Counts the questions that would each cost reg.exe runs on Windows. */
    static final class Counting implements AutoStart {
        boolean on;
        int asked;

        @Override
        public String describe() {
            return "counting";
        }

        @Override
        public boolean isEnabled() {
            asked++;
            return on;
        }

        @Override
        public void enable(boolean overrideUserSwitchOff) {
            on = true;
        }

        @Override
        public void disable() {
            on = false;
        }
    }

    Instant now = Instant.parse("2025-03-01T09:00:00Z");
    final Counting inner = new Counting();
    final CachedAutoStart cached = new CachedAutoStart(inner, new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    @DisplayName("asks the OS once for many tray refreshes")
    void cached() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertFalse(cached.isEnabled());
        }
        assertEquals(1, inner.asked);
    }

    @Test
    @DisplayName("a toggle through us is seen at once")
    void toggled() throws Exception {
        assertFalse(cached.isEnabled());
        cached.enable(false);
        assertTrue(cached.isEnabled());
        cached.disable();
        assertFalse(cached.isEnabled());
    }

    @Test
    @DisplayName("a change in the OS's own settings is seen after the cache's time")
    void expires() throws Exception {
        assertFalse(cached.isEnabled());
        inner.on = true;
        assertFalse(cached.isEnabled());
        now = now.plus(CachedAutoStart.TTL);
        assertTrue(cached.isEnabled());
        assertEquals(2, inner.asked);
    }
}
