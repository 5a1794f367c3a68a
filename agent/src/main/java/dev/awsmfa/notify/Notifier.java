package dev.awsmfa.notify;

/** Shows a desktop notification. Texts never hold secrets. Failures are logged, never thrown. */
public interface Notifier {
    void notify(Notice notice);
}
