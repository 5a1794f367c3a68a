package dev.awsmfa.notify;

/** One notification: what kind (for urgency and de-duplication), a short title and a one-line body. */
public record Notice(Kind kind, String title, String body) {
    public enum Kind { EXPIRING, RENEWED, FAILED, EXPIRED, WAITING_FOR_KEY, INFO }
}
