package dev.awsmfa.notify;

import java.util.Optional;

/**
 * One notification: what kind (for urgency and de-duplication), a short title and a one-line body, and
 * optionally an action the user can take from it ("Renew now") where the notification server supports actions.
 */
public record Notice(Kind kind, String title, String body, Optional<Action> action) {
    public enum Kind {
        EXPIRING,
        RENEWED,
        FAILED,
        EXPIRED,
        WAITING_FOR_KEY,
        INFO
    }

    /** A button on the notification (and its default click); {@code run} is called on a thread of its own. */
    public record Action(String label, Runnable run) {}

    public Notice(Kind kind, String title, String body) {
        this(kind, title, body, Optional.empty());
    }
}
