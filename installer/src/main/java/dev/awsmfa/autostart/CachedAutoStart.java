package dev.awsmfa.autostart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers whether start at login is enabled: the tray asks on every refresh, and on Windows each answer
 * costs two reg.exe runs. Enabling or disabling through us refreshes it at once; a change made in the OS's own
 * settings is seen within {@link #TTL}.
 */
public final class CachedAutoStart implements AutoStart {
    static final Duration TTL = Duration.ofMinutes(5);

    private final AutoStart inner;
    private final Clock clock;
    private Boolean enabled;
    private Instant asked;

    public CachedAutoStart(AutoStart inner, Clock clock) {
        this.inner = inner;
        this.clock = clock;
    }

    /** The mechanism behind the cache. */
    AutoStart inner() {
        return inner;
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public synchronized boolean isEnabled() throws AutoStartException {
        Instant now = clock.instant();
        if (enabled == null || !now.isBefore(asked.plus(TTL))) {
            enabled = inner.isEnabled();
            asked = now;
        }
        return enabled;
    }

    @Override
    public synchronized void enable(boolean overrideUserSwitchOff) throws AutoStartException {
        enabled = null; // whatever happens next, ask again
        inner.enable(overrideUserSwitchOff);
        refresh();
    }

    @Override
    public synchronized void disable() throws AutoStartException {
        enabled = null;
        inner.disable();
        refresh();
    }

    private void refresh() throws AutoStartException {
        enabled = inner.isEnabled();
        asked = clock.instant();
    }
}
