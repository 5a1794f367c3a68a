package dev.awsmfa.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import dev.awsmfa.tray.TrayChoice.Session;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrayChoiceTest {
    private static final Session SNI_AND_XEMBED = new Session(true, true, true);

    private static TrayChoice linux(Session s) {
        return TrayChoice.choose(Os.LINUX, Optional.empty(), () -> s);
    }

    @Test
    @DisplayName("a StatusNotifierWatcher with the library: AppIndicator, also where an XEmbed tray exists (XFCE)")
    void sniWins() {
        assertEquals(Optional.of("AppIndicator"), linux(SNI_AND_XEMBED).type());
        assertEquals(
                Optional.of("AppIndicator"),
                linux(new Session(true, false, true)).type());
        assertTrue(linux(SNI_AND_XEMBED).reason().contains("StatusNotifierWatcher"));
    }

    @Test
    @DisplayName("an XEmbed tray only (trayer, i3bar), or SNI without the library: Gtk")
    void xembed() {
        assertEquals(Optional.of("Gtk"), linux(new Session(false, true, true)).type());
        TrayChoice noLibrary = linux(new Session(true, true, false));
        assertEquals(Optional.of("Gtk"), noLibrary.type());
        assertTrue(noLibrary.reason().contains("no AppIndicator library"));
    }

    @Test
    @DisplayName("no host at all (GNOME as shipped), or SNI without any way to show it: no tray, and why")
    void none() {
        assertEquals(Optional.empty(), linux(new Session(false, false, true)).type());
        assertTrue(linux(new Session(false, false, false)).describe().startsWith("none: no tray host"));
        assertTrue(linux(new Session(true, false, false)).reason().contains("no AppIndicator library"));
    }

    @Test
    @DisplayName("an explicit setting wins and probes nothing; 'none' turns the tray off")
    void settingWins() {
        TrayChoice forced = TrayChoice.choose(Os.LINUX, Optional.of("Swing"), () -> {
            throw new AssertionError("probed although a type was set");
        });
        assertEquals(Optional.of("Swing"), forced.type());
        assertEquals(
                Optional.empty(),
                TrayChoice.choose(Os.LINUX, Optional.of("None"), () -> SNI_AND_XEMBED)
                        .type());
    }

    @Test
    @DisplayName("Windows and macOS keep their native types without probing")
    void otherSystems() {
        assertEquals(
                Optional.of("Swing"),
                TrayChoice.choose(Os.WINDOWS, Optional.empty(), () -> null).type());
        assertEquals(
                Optional.of("AutoDetect"),
                TrayChoice.choose(Os.MAC, Optional.empty(), () -> null).type());
    }

    @Test
    @DisplayName("the advice names the package of the distribution")
    void advice() {
        TrayAdvice debian = TrayAdvice.from(Map.of("ID", "debian", "PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)"));
        assertEquals("libayatana-appindicator3-1", debian.appIndicatorPackage());
        assertTrue(
                debian.noTray(linux(new Session(false, false, true))).contains("gnome-shell-extension-appindicator"));
        assertEquals(
                "libayatana-appindicator-gtk3",
                TrayAdvice.from(Map.of("ID", "fedora")).appIndicatorPackage());
        assertEquals(
                "libayatana-appindicator3-1",
                TrayAdvice.from(Map.of("ID", "linuxmint", "ID_LIKE", "ubuntu debian"))
                        .appIndicatorPackage());
        assertTrue(TrayAdvice.from(Map.of("ID", "gentoo"))
                .noTray(linux(new Session(true, false, false)))
                .startsWith("Install the Ayatana AppIndicator library"));
    }
}
