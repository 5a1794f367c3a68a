package dev.awsmfa.agent;

import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.autostart.AutoStartException;
import dev.awsmfa.platform.AppDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first time the agent runs on a desktop it offers start at login once and remembers the answer, in
 * {@code autostart-offered} in the state folder ("yes" or "no"). The question itself is injected.
 */
public final class FirstRunOffer {
    private static final Logger log = LoggerFactory.getLogger(FirstRunOffer.class);

    private FirstRunOffer() {}

    public static void offerOnce(Path stateDir, AutoStart autoStart, BooleanSupplier ask) {
        Path marker = stateDir.resolve("autostart-offered");
        try {
            if (Files.exists(marker) || autoStart.isEnabled()) {
                return;
            }
            boolean yes = ask.getAsBoolean();
            if (yes) {
                autoStart.enable(false);
            }
            AppDirs.ensurePrivate(stateDir);
            if (marker.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        marker, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(marker, yes ? "yes\n" : "no\n", StandardCharsets.US_ASCII);
            log.info("start at login offered: {}", yes ? "accepted" : "declined");
        } catch (AutoStartException | IOException e) {
            log.warn("start at login: {}", e.getMessage());
        }
    }
}
