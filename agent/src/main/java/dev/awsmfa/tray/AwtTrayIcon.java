package dev.awsmfa.tray;

import dorkbox.systemTray.SystemTray;
import dorkbox.systemTray.SystemTray.TrayType;
import java.awt.EventQueue;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The java.awt.TrayIcon under dorkbox's Swing and Awt types: the only way to a left click and a balloon. */
final class AwtTrayIcon {

    private final SystemTray tray;

    AwtTrayIcon(SystemTray tray) {
        this.tray = tray;
    }

    /**
     * dorkbox 4.4 reports no click on the icon: Gtk, Swing and AppIndicator open the menu on any button.
     * Only the Awt type opens it on the right button alone, so there a left click on the AWT TrayIcon (which
     * dorkbox creates) runs what {@code onLeftClick} gives at that moment. Call once, after the first image.
     */
    void hookLeftClick(Supplier<Runnable> onLeftClick, Consumer<Runnable> dispatch) {
        if (tray.getType() != TrayType.Awt) {
            return;
        }
        // dorkbox creates the AWT icon on the EDT after setImage; queue behind it.
        EventQueue.invokeLater(() -> {
            for (TrayIcon icon : icons()) {
                icon.addMouseListener(new MouseAdapter() {
                    @Override
                    public void mouseClicked(MouseEvent e) {
                        if (e.getButton() == MouseEvent.BUTTON1) {
                            dispatch.accept(onLeftClick.get());
                        }
                    }
                });
            }
        });
    }

    /** Whether dorkbox's type sits on a java.awt.TrayIcon here. */
    boolean present() {
        TrayType t = tray.getType();
        return (t == TrayType.Swing || t == TrayType.Awt) && java.awt.SystemTray.isSupported();
    }

    /** Shows a balloon from the first icon; false when there is none (yet). */
    boolean balloon(String title, String text, boolean warning) {
        TrayIcon[] icons = icons();
        if (icons.length == 0) {
            return false;
        }
        icons[0].displayMessage(title, text, warning ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO);
        return true;
    }

    /** The java.awt.TrayIcon dorkbox's Swing and Awt types show (it exists once the first image is set). */
    private TrayIcon[] icons() {
        return present() ? java.awt.SystemTray.getSystemTray().getTrayIcons() : new TrayIcon[0];
    }
}
