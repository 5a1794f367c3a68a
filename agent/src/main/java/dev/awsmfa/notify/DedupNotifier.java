package dev.awsmfa.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flood control around any notifier: the same kind and title is shown once per window, so waking from a
 * night's sleep with ten expired sessions gives one "expired" notification, not ten.
 */
public final class DedupNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(DedupNotifier.class);

    private record Key(Notice.Kind kind, String title) {}

    private final Notifier inner;
    private final Duration window;
    private final Clock clock;
    private final Map<Key, Instant> lastShown = new HashMap<>();

    public DedupNotifier(Notifier inner, Duration window, Clock clock) {
        this.inner = inner;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public void notify(Notice notice) {
        if (!firstInWindow(notice)) {
            LOG.debug("Not repeating the notification '{}' within {} min", notice.title(), window.toMinutes());
            return;
        }
        inner.notify(notice);
    }

    private synchronized boolean firstInWindow(Notice notice) {
        Instant now = clock.instant();
        lastShown.values().removeIf(shown -> !now.isBefore(shown.plus(window)));
        return lastShown.putIfAbsent(new Key(notice.kind(), notice.title()), now) == null;
    }
}
