package dev.awsmfa.tray;

import dorkbox.systemTray.Checkbox;
import dorkbox.systemTray.Entry;
import dorkbox.systemTray.Menu;
import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.Separator;
import dorkbox.systemTray.SystemTray;
import dorkbox.systemTray.SystemTray.TrayType;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.awt.event.ActionListener;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
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
import java.util.function.Consumer;
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
     * The type to force on Linux desktops whose tray is an XEmbed host (XFCE, MATE, LXDE, i3bar, trayer...)
     * when AutoDetect picks badly. See the report in docs: Swing and Gtk both work; this is the one that
     * measured reliable under Xvfb + trayer.
     */
    public static final String RECOMMENDED_LINUX_TYPE = "Swing";

    private static final Logger log = LoggerFactory.getLogger(DorkboxTray.class);

    private final SystemTray tray;
    private final Executor actions;
    private final ExecutorService ui;
    private final AtomicReference<TrayModel> pending = new AtomicReference<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<IconState, BufferedImage> images = new EnumMap<>(IconState.class);
    private final MenuBinder menu;
    private volatile Runnable iconClick;
    private IconState shownIcon;
    private String shownTooltip;

    private DorkboxTray(SystemTray tray, Executor actions) {
        this.tray = tray;
        this.actions = actions;
        this.ui = Executors.newSingleThreadExecutor(daemonThreads("tray-ui"));
        this.menu = new MenuBinder(tray.getMenu(), this::dispatch);
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
        String wanted = forcedType != null && !forcedType.isBlank() ? forcedType
                : defaultType(System.getProperty("os.name", "")).orElse(null);
        TrayType type = trayType(wanted);
        if (GraphicsEnvironment.isHeadless()) {
            log.warn("No tray: no display (headless JVM, DISPLAY unset?)");
            return Optional.empty();
        }
        SystemTray.DEBUG = false;                 // its debug output crashed GTK under Xvfb
        SystemTray.ENABLE_ROOT_CHECK = false;     // otherwise root always gets Swing
        if (wanted != null) {
            SystemTray.FORCE_TRAY_TYPE = type;    // else keep dorkbox's default (or its -D property)
        }

        CompletableFuture<SystemTray> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                initAwt(); // before get(): avoids the AWT-vs-GTK start-up race (1 start in 13 hung)
                SystemTray t = SystemTray.get(appName);
                if (!started.complete(t) && t != null) {
                    t.shutdown(); // came too late: the caller has given up
                }
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "tray-start");
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
        return Optional.of(new DorkboxTray(t, actions));
    }

    /**
     * The type used when none is forced: Swing on Windows, because only a type built on
     * {@code java.awt.TrayIcon} can show a {@linkplain #balloon balloon} (dorkbox's WindowsNative cannot);
     * elsewhere empty, i.e. dorkbox's AutoDetect, which knows GNOME and KDE need AppIndicator.
     */
    static Optional<String> defaultType(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows") ? Optional.of("Swing") : Optional.empty();
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
        throw new IllegalArgumentException("Unknown tray type '" + name + "'; use one of "
                + Arrays.toString(TrayType.values()));
    }

    private static void initAwt() {
        Toolkit.getDefaultToolkit();
        GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
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
            tray.setImage(images.computeIfAbsent(m.icon(),
                    s -> TrayIcons.image(s, Math.max(12, Math.min(256, tray.getTrayImageSize())))));
            if (shownIcon == null) {
                hookIconClick();
            }
            shownIcon = m.icon();
        }
        if (!m.tooltip().equals(shownTooltip)) {
            tray.setTooltip(m.tooltip());
            shownTooltip = m.tooltip();
        }
        iconClick = m.onIconClick().orElse(null);
        menu.show(m.items());
    }

    // ---- the menu --------------------------------------------------------------------------------------

    /**
     * Keeps a dorkbox {@link Menu} equal to a list of {@link TrayMenuItem}s. When the new list has the same
     * shape (same kinds in the same places) it updates texts, enablement and handlers in place, so an open
     * menu does not flicker on the minute-by-minute label updates; otherwise it rebuilds the menu.
     * Each dorkbox callback only hands the current handler to {@code dispatch}.
     */
    static final class MenuBinder {
        private final Menu menu;
        private final Consumer<Runnable> dispatch;
        private final List<Slot> slots = new ArrayList<>();

        MenuBinder(Menu menu, Consumer<Runnable> dispatch) {
            this.menu = menu;
            this.dispatch = dispatch;
        }

        /** Not thread-safe: call from one thread at a time. */
        void show(List<TrayMenuItem> items) {
            reconcile(menu, slots, items);
        }

        /** One shown entry and the handlers its dorkbox callback reads, so a new model needs no new callback. */
        private static final class Slot {
            final Class<?> kind;
            final Entry entry;
            final List<Slot> children = new ArrayList<>();
            volatile Runnable onClick;
            volatile Consumer<Boolean> onToggle;
            /** The checkbox state last shown or reported: GTK calls a checkbox back twice per click. */
            volatile boolean checked;

            Slot(Class<?> kind, Entry entry) {
                this.kind = kind;
                this.entry = entry;
            }
        }

        private void reconcile(Menu parent, List<Slot> shown, List<TrayMenuItem> items) {
            if (sameShape(shown, items)) {
                for (int i = 0; i < items.size(); i++) {
                    update(shown.get(i), items.get(i));
                }
                return;
            }
            for (Slot s : shown) {
                parent.remove(s.entry);
            }
            shown.clear();
            for (TrayMenuItem item : items) {
                shown.add(add(parent, item));
            }
        }

        private static boolean sameShape(List<Slot> shown, List<TrayMenuItem> items) {
            if (shown.size() != items.size()) {
                return false;
            }
            for (int i = 0; i < items.size(); i++) {
                Slot s = shown.get(i);
                TrayMenuItem item = items.get(i);
                if (s.kind != item.getClass()) {
                    return false;
                }
                if (item instanceof TrayMenuItem.SubMenu sub && !sameShape(s.children, sub.items())) {
                    return false;
                }
            }
            return true;
        }

        private void update(Slot slot, TrayMenuItem item) {
            if (item instanceof TrayMenuItem.Action a) {
                MenuItem mi = (MenuItem) slot.entry;
                slot.onClick = a.onClick();
                if (!a.label().equals(mi.getText())) {
                    mi.setText(a.label());
                }
                if (a.enabled() != mi.getEnabled()) {
                    mi.setEnabled(a.enabled());
                }
            } else if (item instanceof TrayMenuItem.Check c) {
                Checkbox cb = (Checkbox) slot.entry;
                slot.onToggle = c.onToggle();
                slot.checked = c.checked();
                if (!c.label().equals(cb.getText())) {
                    cb.setText(c.label());
                }
                if (c.checked() != cb.getChecked()) {
                    cb.setChecked(c.checked());
                }
            } else if (item instanceof TrayMenuItem.SubMenu sub) {
                Menu m = (Menu) slot.entry;
                if (!sub.label().equals(m.getText())) {
                    m.setText(sub.label());
                }
                for (int i = 0; i < sub.items().size(); i++) {
                    update(slot.children.get(i), sub.items().get(i));
                }
            }
        }

        private Slot add(Menu parent, TrayMenuItem item) {
            if (item instanceof TrayMenuItem.Action a) {
                MenuItem mi = new MenuItem(a.label());
                Slot slot = new Slot(item.getClass(), mi);
                slot.onClick = a.onClick();
                mi.setEnabled(a.enabled());
                mi.setCallback(e -> dispatch.accept(slot.onClick));
                parent.add(mi);
                return slot;
            }
            if (item instanceof TrayMenuItem.Check c) {
                Checkbox cb = new Checkbox(c.label());
                Slot slot = new Slot(item.getClass(), cb);
                slot.onToggle = c.onToggle();
                slot.checked = c.checked();
                cb.setChecked(c.checked());
                cb.setCallback(e -> {
                    boolean on = cb.getChecked(); // dorkbox flips it before calling back
                    if (on == slot.checked) {
                        return; // the second call of one click (Gtk), or no change
                    }
                    slot.checked = on;
                    Consumer<Boolean> handler = slot.onToggle;
                    dispatch.accept(() -> handler.accept(on));
                });
                parent.add(cb);
                return slot;
            }
            if (item instanceof TrayMenuItem.SubMenu sub) {
                Menu m = new Menu(sub.label());
                Slot slot = new Slot(item.getClass(), m);
                parent.add(m);
                for (TrayMenuItem child : sub.items()) {
                    slot.children.add(add(m, child));
                }
                return slot;
            }
            Separator sep = new Separator();
            parent.add(sep);
            return new Slot(item.getClass(), sep);
        }
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

    private TrayIcon[] awtTrayIcons() {
        TrayType t = tray.getType();
        if ((t != TrayType.Swing && t != TrayType.Awt) || !java.awt.SystemTray.isSupported()) {
            return new TrayIcon[0];
        }
        return java.awt.SystemTray.getSystemTray().getTrayIcons();
    }

    // ---- balloons --------------------------------------------------------------------------------------

    /**
     * True when {@link #balloon} can show anything: dorkbox itself has no balloon or notification API, but
     * its Swing and Awt types sit on a {@code java.awt.TrayIcon}, whose {@code displayMessage} is the native
     * balloon on Windows (and an AWT-drawn bubble on Linux). The WindowsNative, Gtk, AppIndicator and Osx
     * types have none.
     */
    public boolean supportsBalloon() {
        return awtTrayIcons().length > 0;
    }

    /** Shows a balloon from the icon when {@link #supportsBalloon}; returns whether it did. */
    public boolean balloon(String title, String text, boolean warning) {
        TrayIcon[] icons = awtTrayIcons();
        if (icons.length == 0) {
            return false;
        }
        icons[0].displayMessage(title, text, warning ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO);
        return true;
    }

    // ---- closing ---------------------------------------------------------------------------------------

    /** Removes the icon. Idempotent. The JVM may still not exit by itself (AWT/GTK threads). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ui.shutdownNow();
        try {
            ui.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tray.shutdown();
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
