package dev.awsmfa.platform;

import java.util.Locale;

/**
 * The operating system, found once ({@link #current()}, the only reader of {@code os.name}) and passed to
 * whatever chooses a mechanism per OS, so every such choice can be tested for every OS on any machine.
 */
public enum Os {
    LINUX,
    BSD,
    MAC,
    WINDOWS,
    /** Solaris, AIX and the rest: no mechanism of ours is known to work there. */
    OTHER;

    /** The OS this JVM runs on. */
    public static Os current() {
        return of(System.getProperty("os.name", ""));
    }

    /** The OS a value of {@code os.name} names ("Linux", "Mac OS X", "Windows 11", "FreeBSD"). */
    public static Os of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return MAC;
        }
        if (name.startsWith("linux")) {
            return LINUX;
        }
        return name.endsWith("bsd") ? BSD : OTHER;
    }

    public boolean isWindows() {
        return this == WINDOWS;
    }

    public boolean isMac() {
        return this == MAC;
    }

    /** Linux and the BSDs: where XDG folders, zenity, kdialog and freedesktop notifications live. */
    public boolean isFreedesktop() {
        return this == LINUX || this == BSD;
    }
}
