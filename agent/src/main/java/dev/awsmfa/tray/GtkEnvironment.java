package dev.awsmfa.tray;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.awsmfa.platform.Os;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GTK probes OpenGL at the first menu click and loads Mesa's LLVM (~56 MB resident) for a menu that never
 * draws with it. {@code GDK_GL=disable} prevents that, but launchers (jpackage, autostart entries) cannot
 * set variables, so the agent sets it in its own process, through libc, before GTK starts. A value the
 * user set is kept. The same for {@code _AWT_MAX_POLL_TIMEOUT}, read when AWT's X11 toolkit starts.
 */
final class GtkEnvironment {
    private static final Logger log = LoggerFactory.getLogger(GtkEnvironment.class);

    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private GtkEnvironment() {}

    static void disableOpenGl(Os os) {
        if (os != Os.LINUX) {
            return;
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            libc.setenv("GDK_GL", "disable", 0);
            // AWT's X11 event loop (dorkbox starts AWT for every tray type) otherwise wakes 4 times a second while
            // idle: ~1 s of CPU per hour. X events and AWT's own timers still wake it at once.
            libc.setenv("_AWT_MAX_POLL_TIMEOUT", "5000", 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.info(
                    "could not set GDK_GL=disable and _AWT_MAX_POLL_TIMEOUT ({}); GTK may load OpenGL at the first "
                            + "menu click",
                    e.getClass().getSimpleName());
        }
    }

    /** What native code (GTK) sees, which System.getenv does not show after a setenv. */
    static String nativeValue(String name) {
        return Native.load("c", LibC.class).getenv(name);
    }
}
