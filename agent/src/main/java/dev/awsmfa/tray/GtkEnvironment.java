package dev.awsmfa.tray;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GTK probes OpenGL at the first menu click and loads Mesa's LLVM (~56 MB resident) for a menu that never
 * draws with it. {@code GDK_GL=disable} prevents that, but launchers (jpackage, autostart entries) cannot
 * set variables, so the agent sets it in its own process, through libc, before GTK starts. A value the
 * user set is kept.
 */
final class GtkEnvironment {
    private static final Logger log = LoggerFactory.getLogger(GtkEnvironment.class);

    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private GtkEnvironment() {}

    static void disableOpenGl(String osName) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return;
        }
        try {
            Native.load("c", LibC.class).setenv("GDK_GL", "disable", 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.info("could not set GDK_GL=disable ({}); GTK may load OpenGL at the first menu click", e.getClass().getSimpleName());
        }
    }

    /** What native code (GTK) sees, which System.getenv does not show after a setenv. */
    static String nativeValue(String name) {
        return Native.load("c", LibC.class).getenv(name);
    }
}
