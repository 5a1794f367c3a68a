package dev.awsmfa.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DedupNotifierTest {

    final List<Notice> shown = new ArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T07:00:00Z"));
    final DedupNotifier notifier = new DedupNotifier(shown::add, Duration.ofMinutes(10), clock);

    static Notice expired(String body) {
        return new Notice(Notice.Kind.EXPIRED, "Sessions expired", body);
    }

    @Test
    @DisplayName("a wake with many expired sessions shows one notification, not one per session")
    void wakeFlood() {
        for (String profile : List.of("dev", "prod", "stage", "audit")) {
            notifier.notify(expired(profile + " expired at 03:00"));
        }
        assertEquals(List.of(expired("dev expired at 03:00")), shown);
    }

    @Test
    @DisplayName("a different kind or title still shows")
    void different() {
        notifier.notify(expired("a"));
        notifier.notify(new Notice(Notice.Kind.FAILED, "Sessions expired", "b"));
        notifier.notify(new Notice(Notice.Kind.EXPIRED, "Session expired: dev", "c"));
        assertEquals(3, shown.size());
    }

    @Test
    @DisplayName("the same notification shows again once the window has passed")
    void afterWindow() {
        notifier.notify(expired("first"));
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        notifier.notify(expired("too soon"));
        clock.advance(Duration.ofSeconds(1));
        notifier.notify(expired("again"));
        assertEquals(List.of(expired("first"), expired("again")), shown);
    }
}
