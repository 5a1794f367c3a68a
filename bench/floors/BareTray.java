import dev.awsmfa.tray.IconState;
import dev.awsmfa.tray.TrayIcons;
import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.SystemTray;

/**
 * Floor: the bare dorkbox SystemTray 4.4 demo of issue 7 (one icon, three menu items) with the agent's green
 * icon, nothing else: no SDK, no Quartz, no picocli. Same precautions as the agent (updates off, root check off,
 * AWT initialised first). usage: BareTray TYPE   (Gtk, Swing, ...)
 */
public final class BareTray {
    public static void main(String[] args) throws Exception {
        System.setProperty("dorkbox.updates.Updates.ENABLE", "false");
        dorkbox.updates.Updates.INSTANCE.setENABLE(false);
        SystemTray.DEBUG = false;
        SystemTray.ENABLE_ROOT_CHECK = false;
        SystemTray.FORCE_TRAY_TYPE = SystemTray.TrayType.valueOf(args.length > 0 ? args[0] : "Gtk");
        java.awt.Toolkit.getDefaultToolkit();
        java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
        SystemTray tray = SystemTray.get("bare-tray");
        if (tray == null) {
            System.err.println("no tray");
            System.exit(1);
        }
        tray.setImage(TrayIcons.image(IconState.FRESH, Math.max(12, Math.min(256, tray.getTrayImageSize()))));
        tray.setStatus("bare tray");
        for (String item : new String[] {"One", "Two", "Quit"}) {
            tray.getMenu().add(new MenuItem(item, e -> {
                if (item.equals("Quit")) {
                    tray.shutdown();
                    System.exit(0);
                }
            }));
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
