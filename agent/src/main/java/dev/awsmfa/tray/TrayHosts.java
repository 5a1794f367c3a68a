package dev.awsmfa.tray;

import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes what the session offers a tray icon: a StatusNotifierWatcher on the session bus (asked with gdbus, or
 * dbus-send where gdbus is missing), an XEmbed tray manager ({@link XembedTray}) and the AppIndicator library
 * ({@link AppIndicatorLibrary}).
 */
public final class TrayHosts {
    private static final Logger log = LoggerFactory.getLogger(TrayHosts.class);
    static final String WATCHER = "org.kde.StatusNotifierWatcher";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ProcessRunner runner;

    public TrayHosts(ProcessRunner runner) {
        this.runner = runner;
    }

    public TrayChoice.Session probe() {
        return new TrayChoice.Session(sniWatcher(), XembedTray.present(), AppIndicatorLibrary.usable());
    }

    /** Whether a StatusNotifierWatcher owns its name on the session bus. */
    boolean sniWatcher() {
        for (List<String> argv : List.of(
                List.of(
                        "gdbus",
                        "call",
                        "--session",
                        "--dest",
                        "org.freedesktop.DBus",
                        "--object-path",
                        "/org/freedesktop/DBus",
                        "--method",
                        "org.freedesktop.DBus.NameHasOwner",
                        WATCHER),
                List.of(
                        "dbus-send",
                        "--session",
                        "--print-reply",
                        "--dest=org.freedesktop.DBus",
                        "/org/freedesktop/DBus",
                        "org.freedesktop.DBus.NameHasOwner",
                        "string:" + WATCHER))) {
            try {
                ProcessResult r = runner.run(argv, TIMEOUT);
                if (r.exitCode() == 0) {
                    return r.stdout().contains("true");
                }
                log.info(
                        "{} could not ask the session bus for a StatusNotifierWatcher: {}", argv.get(0), r.errorLine());
            } catch (IOException e) {
                log.debug("{} not usable: {}", argv.get(0), e.getMessage());
            }
        }
        return false;
    }
}
