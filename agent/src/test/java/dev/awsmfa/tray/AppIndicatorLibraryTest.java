package dev.awsmfa.tray;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLibrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The private link that gives dorkbox Ayatana under the old name, with the real JNA and the real library. */
class AppIndicatorLibraryTest {

    @Test
    @DisplayName("a name JNA cannot find loads through a private link to Ayatana")
    void linksAyatanaUnderTheWantedName() throws Exception {
        assumeTrue(loads("ayatana-appindicator3"), "libayatana-appindicator3-1 is not installed");
        String wanted = "awsmfa-test-indicator-" + ProcessHandle.current().pid();
        assertFalse(loads(wanted), "no such library before the link");
        assertTrue(AppIndicatorLibrary.usable(wanted, "ayatana-appindicator3"));
        assertTrue(
                NativeLibrary.getInstance(wanted)
                        .getFile()
                        .toPath()
                        .toRealPath()
                        .getFileName()
                        .toString()
                        .startsWith("libayatana-appindicator3"),
                "the wanted name is Ayatana");
    }

    @Test
    @DisplayName("nothing to link: not usable, and no tray of that type is chosen")
    void nothingToLink() {
        assertFalse(AppIndicatorLibrary.usable("awsmfa-missing-a", "awsmfa-missing-b"));
    }

    private static boolean loads(String name) {
        try {
            NativeLibrary.getInstance(name);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
