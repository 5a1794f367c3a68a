package dev.awsmfa.tray;

import dev.awsmfa.platform.Os;
import dorkbox.systemTray.SystemTray;
import dorkbox.systemTray.SystemTray.TrayType;
import java.awt.GraphicsEnvironment;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting dorkbox SystemTray apart from using it: the switches it reads before its classes initialise, the tray
 * type, and a bounded start on a thread of its own. Keep dorkbox classes out of every static initialiser here.
 */
final class DorkboxStart {

    private static final Logger log = LoggerFactory.getLogger(DorkboxStart.class);

    private DorkboxStart() {}

    /**
     * Starts dorkbox's tray, or says why not in the log; see {@link DorkboxTray#open(String, Duration, String,
     * java.util.concurrent.Executor)}.
     */
    static Optional<SystemTray> start(String appName, Duration timeout, String forcedType, Os os) {
        disableDorkboxUpdates(); // first: before any other dorkbox class initialises
        // GTK takes UTF-8 whatever the locale; JNA would otherwise encode labels ("—", "…") in the locale's charset.
        System.setProperty("jna.encoding", "UTF-8");
        GtkEnvironment.disableOpenGl(os);
        String wanted = forcedType != null && !forcedType.isBlank()
                ? forcedType
                : defaultType(os).orElse(null);
        TrayType type = trayType(wanted);
        if (GraphicsEnvironment.isHeadless()) {
            log.warn("No tray: no display (headless JVM, DISPLAY unset?)");
            return Optional.empty();
        }
        SystemTray.DEBUG = false; // its debug output crashed GTK under Xvfb
        SystemTray.ENABLE_ROOT_CHECK = false; // otherwise root always gets Swing
        if (wanted != null) {
            SystemTray.FORCE_TRAY_TYPE = type; // else keep dorkbox's default (or its -D property)
        }

        CompletableFuture<SystemTray> started = new CompletableFuture<>();
        Thread starter = new Thread(
                () -> {
                    try {
                        initAwt(); // before get(): avoids the AWT-vs-GTK start-up race (1 start in 13 hung)
                        SystemTray t = SystemTray.get(appName);
                        if (!started.complete(t) && t != null) {
                            t.shutdown(); // came too late: the caller has given up
                        }
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                    }
                },
                "tray-start");
        starter.setDaemon(true);
        starter.start();

        SystemTray t;
        try {
            t = started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            started.cancel(false);
            log.warn("No tray: dorkbox SystemTray did not start within {} ms (type {})", timeout.toMillis(), type);
            return Optional.empty();
        } catch (ExecutionException e) {
            log.warn("No tray: dorkbox SystemTray failed (type {})", type, e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.cancel(false);
            return Optional.empty();
        }
        if (t == null) {
            log.warn("No tray: dorkbox SystemTray found no usable tray (type {})", type);
            return Optional.empty();
        }
        log.info("Tray type {}, icon size {} px", t.getType(), t.getTrayImageSize());
        return Optional.of(t);
    }

    /**
     * The type used when none is forced: Swing on Windows, because only a type built on
     * {@code java.awt.TrayIcon} can show a {@linkplain DorkboxTray#balloon balloon} (dorkbox's WindowsNative
     * cannot); elsewhere empty, i.e. dorkbox's AutoDetect, which knows GNOME and KDE need AppIndicator.
     */
    static Optional<String> defaultType(Os os) {
        return os.isWindows() ? Optional.of("Swing") : Optional.empty();
    }

    /** Both switches: the property is read when dorkbox's Updates class initialises, the setter after. */
    static void disableDorkboxUpdates() {
        System.setProperty("dorkbox.updates.Updates.ENABLE", "false");
        dorkbox.updates.Updates.INSTANCE.setENABLE(false);
    }

    static TrayType trayType(String name) {
        if (name == null || name.isBlank()) {
            return TrayType.AutoDetect;
        }
        for (TrayType t : TrayType.values()) {
            if (t.name().equalsIgnoreCase(name.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "Unknown tray type '" + name + "'; use one of " + Arrays.toString(TrayType.values()));
    }

    private static void initAwt() {
        aws.mfa.agent.startToolkit(); // also names our windows aws-mfa-agent (WM_CLASS)
    }

    /**
     * GTK menus (Gtk, AppIndicator) read "_" as a mnemonic marker (dorkbox creates every item "with mnemonic"
     * and escapes nothing): "dev_admin" would show as "devadmin". A doubled underscore shows one.
     */
    static UnaryOperator<String> labelsFor(TrayType type) {
        return type == TrayType.Gtk || type == TrayType.AppIndicator ? s -> s.replace("_", "__") : s -> s;
    }
}
