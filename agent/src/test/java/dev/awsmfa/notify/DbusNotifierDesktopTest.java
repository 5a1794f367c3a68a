package dev.awsmfa.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.SystemProcessRunner;
import dev.awsmfa.testing.Desktop;
import dev.awsmfa.testing.Desktop.Notification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Notifications sent for real over a private session bus to dunst, recorded by dbus-monitor. */
@DisplayName("Desktop notifications, on a real session bus")
class DbusNotifierDesktopTest {
    static Desktop desktop;
    static Desktop.NotificationCapture capture;

    @BeforeAll
    static void startDesktop() throws Exception {
        Desktop.require("gdbus", "notify-send", "dunst", "dbus-monitor");
        desktop = Desktop.start();
        desktop.startNotificationServer();
        capture = desktop.startNotificationCapture();
    }

    @AfterAll
    static void stopDesktop() {
        if (desktop != null) {
            desktop.close();
        }
    }

    @Test
    @DisplayName("gdbus delivers app name, title, escaped body and critical urgency intact, quotes and all")
    void gdbus() {
        int before = capture.notifications().size();
        String title = "Renewal failed: it's \"prod\" \\ Zoë";
        DbusNotifier.viaGdbus(new SystemProcessRunner(Os.current(), desktop.env()))
                .notify(new Notice(Notice.Kind.FAILED, title, "AWS said <AccessDenied> & more — ✓"));
        Notification n = capture.await(before + 1, Duration.ofSeconds(10)).get(before);
        assertEquals(
                new Notification(
                        "aws-mfa-agent",
                        "dialog-error",
                        title,
                        "AWS said &lt;AccessDenied&gt; &amp; more — ✓",
                        2,
                        5000),
                n);
    }

    @Test
    @DisplayName("an action ('Renew now') comes back through ActionInvoked when the user picks it (dunstctl action)")
    void action() throws Exception {
        Desktop.require("dunstctl");
        int before = capture.notifications().size();
        java.util.concurrent.CountDownLatch chosen = new java.util.concurrent.CountDownLatch(1);
        DbusNotifier.viaGdbus(new SystemProcessRunner(Os.current(), desktop.env()))
                .notify(new Notice(
                        Notice.Kind.EXPIRED,
                        "MFA session ended: dev",
                        "Renew it now.",
                        java.util.Optional.of(new Notice.Action("Renew now", chosen::countDown))));
        Notification n = capture.await(before + 1, Duration.ofSeconds(10)).get(before);
        assertEquals("MFA session ended: dev", n.summary());
        assertEquals(DbusNotifier.ACTION_WAIT.toMillis(), n.expireMillis(), "a notice with an action stays a while");
        assertEquals(1, chosen.getCount(), "nothing chosen yet");
        // As a click on the notification: dunst invokes its default action, which is the same as the button.
        Desktop.Result r = desktop.run(Duration.ofSeconds(5), "dunstctl", "action", "0");
        assertEquals(0, r.exitCode(), "dunstctl action: " + r.stderr());
        assertTrue(chosen.await(10, java.util.concurrent.TimeUnit.SECONDS), "the action ran after ActionInvoked");
    }

    @Test
    @DisplayName("notify-send delivers them too, with normal urgency for good news")
    void notifySend() {
        int before = capture.notifications().size();
        DbusNotifier.viaNotifySend(new SystemProcessRunner(Os.current(), desktop.env()))
                .notify(new Notice(Notice.Kind.RENEWED, "-Renewed: dev's", "valid until 18:00"));
        List<Notification> all = capture.await(before + 1, Duration.ofSeconds(10));
        Notification n = all.get(before);
        assertEquals("aws-mfa-agent", n.appName());
        assertEquals("-Renewed: dev's", n.summary());
        assertEquals("valid until 18:00", n.body());
        assertEquals(1, n.urgency());
    }
}
