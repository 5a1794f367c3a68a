import dev.awsmfa.tray.IconState;
import dev.awsmfa.tray.TrayIcons;
import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.SystemTray;

/**
 * Floor: the bare dorkbox SystemTray 4.4 demo of issue 7 (one icon, three menu items) with the agent's green
 * icon, nothing else: no SDK, no Quartz, no picocli. Same precautions as the agent (updates off, root check off,
 * AWT initialised first) and the same native environment as a tuned agent (GDK_GL=disable, AWT's idle poll at
 * 5 s), set in-process through libc like the agent does. usage: BareTray TYPE   (Gtk, Swing, ...)
 */
public final class BareTray {
    interface LibC extends com.sun.jna.Library {
        int setenv(String name, String value, int overwrite);
    }

    public static void main(String[] args) throws Exception {
        LibC libc = com.sun.jna.Native.load("c", LibC.class);
        libc.setenv("GDK_GL", "disable", 0);
        libc.setenv("_AWT_MAX_POLL_TIMEOUT", "5000", 0);
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
