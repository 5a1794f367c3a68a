package dev.awsmfa.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrayBalloonNotifierTest {

    @Test
    @DisplayName("forwards title and body, as a warning for expiring, expired and failed sessions")
    void forwards() {
        List<String> shown = new ArrayList<>();
        Notifier n = new TrayBalloonNotifier((title, body, warning) -> shown.add(title + "|" + body + "|" + warning));
        n.notify(new Notice(Notice.Kind.EXPIRING, "Expires in 5 min", "dev"));
        n.notify(new Notice(Notice.Kind.RENEWED, "Renewed", "dev"));
        assertEquals(List.of("Expires in 5 min|dev|true", "Renewed|dev|false"), shown);
    }

    @Test
    @DisplayName("never throws, even when the tray does")
    void swallows() {
        new TrayBalloonNotifier((t, b, w) -> {
                    throw new IllegalStateException("tray gone");
                })
                .notify(new Notice(Notice.Kind.INFO, "t", "b"));
        new TrayBalloonNotifier((t, b, w) -> false).notify(new Notice(Notice.Kind.INFO, "t", "b"));
        new QuietNotifier().notify(new Notice(Notice.Kind.INFO, "t", "b"));
    }
}
