package dev.awsmfa.tray;

import dev.awsmfa.platform.Os;
import dorkbox.systemTray.SystemTray;
import dorkbox.systemTray.SystemTray.TrayType;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that knows dorkbox SystemTray 4.4: shows a {@link TrayModel} as a tray icon with a menu.
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
    /** Only where the OS draws them natively; see {@link #tooltipsOn}. */
    private final boolean tooltips;

    private volatile Runnable iconClick;
    private IconState shownIcon;
    private String shownTooltip;

    private DorkboxTray(SystemTray tray, Executor actions, Os os) {
        this.tray = tray;
        this.tooltips = tooltipsOn(os);
        this.actions = actions;
        this.ui = Executors.newSingleThreadExecutor(daemonThreads("tray-ui"));
        this.menu = new MenuBinder(tray.getMenu(), this::dispatch, labelsFor(tray.getType()));
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
     *                   "WindowsNative", "Osx", "AutoDetect"), or null for {@link #defaultType}
     * @param actions    where menu clicks run; may block (prompts, STS calls)
     * @throws IllegalArgumentException for an unknown {@code forcedType}
     */
    public static Optional<DorkboxTray> open(String appName, Duration timeout, String forcedType, Executor actions) {
        disableDorkboxUpdates(); // first: before any other dorkbox class initialises
        // GTK takes UTF-8 whatever the locale; JNA would otherwise encode labels ("—", "…") in the locale's charset.
        System.setProperty("jna.encoding", "UTF-8");
        Os os = Os.current();
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
        return Optional.of(new DorkboxTray(t, actions, os));
    }

    /**
     * The type used when none is forced: Swing on Windows, because only a type built on
     * {@code java.awt.TrayIcon} can show a {@linkplain #balloon balloon} (dorkbox's WindowsNative cannot);
     * elsewhere empty, i.e. dorkbox's AutoDetect, which knows GNOME and KDE need AppIndicator.
     */
    static Optional<String> defaultType(Os os) {
        return os.isWindows() ? Optional.of("Swing") : Optional.empty();
    }

    /**
     * Tooltips on Windows and macOS only. On Linux the AppIndicator type has none, Swing's AWT tooltip covered the
     * first menu row for about 10 s, and the menu rows say the same; each setTooltip also made dorkbox log
     * "Please disable tooltips" at every start.
     */
    static boolean tooltipsOn(Os os) {
        return os.isWindows() || os.isMac();
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
                hookIconClick();
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

    // ---- the icon itself -------------------------------------------------------------------------------

    /**
     * dorkbox 4.4 reports no click on the icon: Gtk, Swing and AppIndicator open the menu on any button.
     * Only the Awt type opens it on the right button alone, so there a left click on the AWT TrayIcon (which
     * dorkbox creates) runs the model's {@code onIconClick}.
     */
    private void hookIconClick() {
        if (tray.getType() != TrayType.Awt) {
            return;
        }
        // dorkbox creates the AWT icon on the EDT after setImage; queue behind it.
        EventQueue.invokeLater(() -> {
            for (TrayIcon icon : awtTrayIcons()) {
                icon.addMouseListener(new MouseAdapter() {
                    @Override
                    public void mouseClicked(MouseEvent e) {
                        if (e.getButton() == MouseEvent.BUTTON1) {
                            dispatch(iconClick);
                        }
                    }
                });
            }
        });
    }

    private boolean onAwtTrayIcon() {
        TrayType t = tray.getType();
        return (t == TrayType.Swing || t == TrayType.Awt) && java.awt.SystemTray.isSupported();
    }

    /** The java.awt.TrayIcon dorkbox's Swing and Awt types show (it exists once the first image is set). */
    private TrayIcon[] awtTrayIcons() {
        return onAwtTrayIcon() ? java.awt.SystemTray.getSystemTray().getTrayIcons() : new TrayIcon[0];
    }

    // ---- balloons --------------------------------------------------------------------------------------

    /**
     * True when {@link #balloon} can show anything: dorkbox itself has no balloon or notification API, but
     * its Swing and Awt types sit on a {@code java.awt.TrayIcon}, whose {@code displayMessage} is the native
     * balloon on Windows (and an AWT-drawn bubble on Linux). The WindowsNative, Gtk, AppIndicator and Osx
     * types have none.
     */
    public boolean supportsBalloon() {
        return onAwtTrayIcon();
    }

    /**
     * Shows a balloon from the icon when {@link #supportsBalloon}; returns whether it did (false also before
     * the first {@link #show} has put an icon up).
     */
    public boolean balloon(String title, String text, boolean warning) {
        TrayIcon[] icons = awtTrayIcons();
        if (icons.length == 0) {
            return false;
        }
        icons[0].displayMessage(title, text, warning ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO);
        return true;
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
