package dev.awsmfa.tray;

import dev.awsmfa.platform.Os;
import dorkbox.systemTray.SystemTray;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter to dorkbox SystemTray 4.4: shows a {@link TrayModel} as a tray icon with a menu. Only its helpers
 * {@link DorkboxStart} (starting dorkbox), {@link MenuBinder} (the menu) and {@link AwtTrayIcon} (the AWT icon
 * under the Swing and Awt types) also know dorkbox.
 *
 * <p>Threads: {@link #show} may be called from any thread and never blocks; models are applied in order on a
 * private "tray-ui" thread, and a burst of models collapses into the newest. dorkbox runs every menu callback on
 * one shared thread of its own, so each click is only handed to the injected executor there.
 *
 * <p>Keep dorkbox classes out of every static initialiser of this class: {@link #open} must switch dorkbox's
 * update check off before any dorkbox class initialises.
 */
public final class DorkboxTray implements TrayView {

    /** The environment variable the caller reads for {@code forcedType}. */
    public static final String TRAY_TYPE_ENV = "AWS_MFA_AGENT_TRAY_TYPE";

    /**
     * The type to force on Linux desktops whose tray is an XEmbed host (XFCE, MATE, LXDE, i3bar, trayer...),
     * and the one the desktop tests use. Under Xvfb + trayer both Gtk and Swing passed every run; Gtk opened
     * faster, draws a native menu (real check box, no AWT tooltip over the menu) and is what dorkbox's
     * AutoDetect picks on XFCE. It is not the default: on GNOME and KDE only AppIndicator shows an icon, which
     * AutoDetect knows.
     */
    public static final String RECOMMENDED_LINUX_TYPE = "Gtk";

    private static final Logger log = LoggerFactory.getLogger(DorkboxTray.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HIDE_SETTLE = Duration.ofMillis(300);

    private final SystemTray tray;
    private final Executor actions;
    private final ExecutorService ui;
    private final AtomicReference<TrayModel> pending = new AtomicReference<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<IconState, BufferedImage> images = new EnumMap<>(IconState.class);
    private final MenuBinder menu;
    private final AwtTrayIcon awtIcon;
    /** Only where the OS draws them natively; see {@link #tooltipsOn}. */
    private final boolean tooltips;

    private volatile Runnable iconClick;
    private IconState shownIcon;
    private String shownTooltip;

    private DorkboxTray(SystemTray tray, Executor actions, Os os) {
        this.tray = tray;
        this.awtIcon = new AwtTrayIcon(tray);
        this.tooltips = tooltipsOn(os);
        this.actions = actions;
        this.ui = Executors.newSingleThreadExecutor(daemonThreads("tray-ui"));
        this.menu = new MenuBinder(tray.getMenu(), this::dispatch, DorkboxStart.labelsFor(tray.getType()));
    }

    /** As {@link #open(String, Duration, String, Executor)}, clicks handed to a pool of daemon threads. */
    public static Optional<DorkboxTray> open(String appName, Duration timeout, String forcedType) {
        return open(appName, timeout, forcedType, Executors.newCachedThreadPool(daemonThreads("tray-action")));
    }

    /**
     * Shows an (empty, icon-less until the first {@link #show}) tray, or says why not in the log.
     *
     * <p>Empty when there is no display, no tray host, dorkbox fails, or no tray within {@code timeout}.
     * After an empty result GTK/AWT threads may keep the JVM alive: the caller must {@code System.exit}.
     *
     * @param forcedType a dorkbox tray type name, any case ("Swing", "Gtk", "AppIndicator", "Awt",
     *                   "WindowsNative", "Osx", "AutoDetect"), or null for {@link DorkboxStart#defaultType}
     * @param actions    where menu clicks run; may block (prompts, STS calls)
     * @throws IllegalArgumentException for an unknown {@code forcedType}
     */
    public static Optional<DorkboxTray> open(String appName, Duration timeout, String forcedType, Executor actions) {
        Os os = Os.current();
        return DorkboxStart.start(appName, timeout, forcedType, os).map(t -> new DorkboxTray(t, actions, os));
    }

    /**
     * Tooltips on Windows and macOS only. On Linux the AppIndicator type has none, Swing's AWT tooltip covered the
     * first menu row for about 10 s, and the menu rows say the same; each setTooltip also made dorkbox log
     * "Please disable tooltips" at every start.
     */
    static boolean tooltipsOn(Os os) {
        return os.isWindows() || os.isMac();
    }

    /** The tray type dorkbox chose, e.g. "Swing". */
    public String type() {
        return tray.getType().name();
    }

    /** The icon size dorkbox asked for, in pixels. */
    public int iconSize() {
        return tray.getTrayImageSize();
    }

    @Override
    public void show(TrayModel model) {
        if (closed.get()) {
            return;
        }
        pending.set(model);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                ui.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        TrayModel m = pending.getAndSet(null);
        if (m == null || closed.get()) {
            return;
        }
        try {
            apply(m);
        } catch (RuntimeException e) {
            log.warn("Could not update the tray", e);
        }
    }

    private void apply(TrayModel m) {
        if (m.icon() != shownIcon) {
            tray.setImage(images.computeIfAbsent(
                    m.icon(), s -> TrayIcons.image(s, Math.max(12, Math.min(256, tray.getTrayImageSize())))));
            if (shownIcon == null) {
                awtIcon.hookLeftClick(() -> iconClick, this::dispatch);
            }
            shownIcon = m.icon();
        }
        if (tooltips && !m.tooltip().equals(shownTooltip)) {
            tray.setTooltip(m.tooltip());
            shownTooltip = m.tooltip();
        }
        iconClick = m.onIconClick().orElse(null);
        menu.show(m.items());
    }

    /** Runs on dorkbox's one callback thread: hand over, never run the action here. */
    private void dispatch(Runnable action) {
        if (action == null || closed.get()) {
            return;
        }
        try {
            actions.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.warn("A tray action failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Tray action dropped: executor shut down");
        }
    }

    // ---- balloons --------------------------------------------------------------------------------------

    /**
     * True when {@link #balloon} can show anything: dorkbox itself has no balloon or notification API, but
     * its Swing and Awt types sit on a {@code java.awt.TrayIcon}, whose {@code displayMessage} is the native
     * balloon on Windows (and an AWT-drawn bubble on Linux). The WindowsNative, Gtk, AppIndicator and Osx
     * types have none.
     */
    public boolean supportsBalloon() {
        return awtIcon.present();
    }

    /**
     * Shows a balloon from the icon when {@link #supportsBalloon}; returns whether it did (false also before
     * the first {@link #show} has put an icon up).
     */
    public boolean balloon(String title, String text, boolean warning) {
        return awtIcon.balloon(title, text, warning);
    }

    // ---- closing ---------------------------------------------------------------------------------------

    /**
     * Removes the icon, waiting at most a few seconds. Idempotent. The JVM may still not exit by itself
     * (AWT/GTK threads): the caller exits.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ui.shutdownNow();
        // Bounded: dorkbox waits for its GTK/Swing threads, and a Quit (or a shutdown hook) must not hang.
        Thread stopper = new Thread(
                () -> {
                    // Hide first and let the toolkit's loop run a moment: dorkbox's Gtk shutdown hides the icon and
                    // quits the GTK loop at once, and about 1 close in 10 left the icon on screen until the JVM exited.
                    tray.setEnabled(false);
                    pause(HIDE_SETTLE);
                    tray.shutdown();
                },
                "tray-shutdown");
        stopper.setDaemon(true);
        try {
            ui.awaitTermination(2, TimeUnit.SECONDS); // let a model being applied finish first
            stopper.start();
            stopper.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            log.warn("dorkbox SystemTray did not shut down within {} s", CLOSE_TIMEOUT.toSeconds());
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "DorkboxTray[" + type().toLowerCase(Locale.ROOT) + "]";
    }
}
