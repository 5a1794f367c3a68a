package dev.awsmfa.tray;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * Whether an XEmbed system tray runs on the default screen: some client owns the X selection
 * {@code _NET_SYSTEM_TRAY_S<screen>} (System Tray Protocol). Asked through libX11, on a connection of its own.
 */
final class XembedTray {
    interface X11 extends Library {
        Pointer XOpenDisplay(String name);

        int XDefaultScreen(Pointer display);

        NativeLong XInternAtom(Pointer display, String name, boolean onlyIfExists);

        NativeLong XGetSelectionOwner(Pointer display, NativeLong atom);

        int XCloseDisplay(Pointer display);
    }

    private XembedTray() {}

    static boolean present() {
        X11 x;
        try {
            x = Native.load("X11", X11.class);
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
        Pointer display = x.XOpenDisplay(null);
        if (display == null) {
            return false;
        }
        try {
            NativeLong atom = x.XInternAtom(display, "_NET_SYSTEM_TRAY_S" + x.XDefaultScreen(display), false);
            return x.XGetSelectionOwner(display, atom).longValue() != 0;
        } finally {
            x.XCloseDisplay(display);
        }
    }
}
