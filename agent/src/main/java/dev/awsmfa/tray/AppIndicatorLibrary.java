package dev.awsmfa.tray;

import com.sun.jna.NativeLibrary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an AppIndicator library for dorkbox's AppIndicator type. dorkbox asks JNA only for libappindicator3
 * (and older names); Ayatana, which replaced it (Debian 12, Ubuntu 22.04+, Fedora), is found under that name
 * only where the distribution ships a compatibility link. Where it does not, a private folder with a
 * {@code libappindicator3.so.1} link to Ayatana is put on JNA's search path for that name.
 */
final class AppIndicatorLibrary {
    private static final Logger log = LoggerFactory.getLogger(AppIndicatorLibrary.class);
    private static final String DORKBOX_NAME = "appindicator3";
    private static final String AYATANA_NAME = "ayatana-appindicator3";

    private AppIndicatorLibrary() {}

    /** True when dorkbox will find a library, after adding the private link if that is needed. */
    static boolean usable() {
        return usable(DORKBOX_NAME, AYATANA_NAME);
    }

    /** @param wanted the name dorkbox asks JNA for; {@code actual} the library to give it under that name */
    static boolean usable(String wanted, String actual) {
        if (loads(wanted)) {
            return true;
        }
        File ayatana = file(actual);
        if (ayatana == null) {
            return false;
        }
        try {
            Path dir = Files.createTempDirectory(
                    "aws-mfa-agent-jna",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path link = Files.createSymbolicLink(dir.resolve("lib" + wanted + ".so.1"), ayatana.toPath());
            link.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            NativeLibrary.addSearchPath(wanted, dir.toString());
            log.info("AppIndicator: no lib{}, using {} through a link in {}", wanted, ayatana, dir);
            return loads(wanted);
        } catch (IOException | UnsupportedOperationException e) {
            log.info("AppIndicator: could not link {} for dorkbox: {}", ayatana, e.getMessage());
            return false;
        }
    }

    private static boolean loads(String name) {
        return file(name) != null;
    }

    /** The library's file, when JNA finds and loads it (a loaded library stays loaded: dorkbox uses it next). */
    private static File file(String name) {
        try {
            return NativeLibrary.getInstance(name).getFile();
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }
}
