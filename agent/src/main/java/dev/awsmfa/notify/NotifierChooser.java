package dev.awsmfa.notify;

import dev.awsmfa.platform.Os;
import dev.awsmfa.platform.ProcessRunner;
import dev.awsmfa.platform.SystemProcessRunner;
import dev.awsmfa.prompt.Host;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Picks how to notify on this machine: Notification Center on macOS, the tray balloon on Windows, a
 * freedesktop notification on Linux and BSD desktops, else only the log. The result never repeats itself
 * within {@link #REPEAT_WINDOW}.
 */
public final class NotifierChooser {
    public static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    /** @param mechanism for logs: "osascript", "tray balloon", "gdbus", "notify-send" or "log only" */
    public record Choice(String mechanism, Notifier notifier) {}

    private final Host host;
    private final ProcessRunner runner;
    private final Clock clock;

    public NotifierChooser(Host host, ProcessRunner runner, Clock clock) {
        this.host = host;
        this.runner = runner;
        this.clock = clock;
    }

    public static NotifierChooser current(Os os) {
        return new NotifierChooser(Host.current(os), new SystemProcessRunner(os), Clock.systemUTC());
    }

    /**
     * @param trayBalloon the tray icon's balloon when the tray has one (e.g. {@code tray::balloon} when
     *                    {@code tray.supportsBalloon()}); used on Windows only, since on Linux AWT draws its own
     *                    bubble instead of a desktop notification
     */
    public Choice choose(Optional<TrayBalloonNotifier.Balloon> trayBalloon) {
        Choice base = base(trayBalloon);
        return new Choice(base.mechanism(), new DedupNotifier(base.notifier(), REPEAT_WINDOW, clock));
    }

    private Choice base(Optional<TrayBalloonNotifier.Balloon> trayBalloon) {
        if (host.isMac() && host.onPath().test("osascript")) {
            return new Choice("osascript", new OsascriptNotifier(runner));
        }
        if (host.isWindows() && trayBalloon.isPresent()) {
            return new Choice("tray balloon", new TrayBalloonNotifier(trayBalloon.get()));
        }
        // a notification server lives in a graphical session; a bare SSH login has none to talk to
        if (host.isFreedesktop() && (host.hasLinuxDisplay() || host.has("DBUS_SESSION_BUS_ADDRESS"))) {
            if (host.onPath().test("gdbus")) {
                return new Choice("gdbus", DbusNotifier.viaGdbus(runner));
            }
            if (host.onPath().test("notify-send")) {
                return new Choice("notify-send", DbusNotifier.viaNotifySend(runner));
            }
        }
        return new Choice("log only", new QuietNotifier());
    }
}
