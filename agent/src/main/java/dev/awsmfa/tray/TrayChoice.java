package dev.awsmfa.tray;

import dev.awsmfa.platform.Os;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which tray the agent shows and why: a dorkbox type name, or none. The reason goes to the log and, through
 * the state folder, to {@code status}.
 *
 * @param type   a dorkbox tray type ("AppIndicator", "Gtk", "Swing", ...), empty for no tray at all
 * @param reason one sentence a user can act on
 */
public record TrayChoice(Optional<String> type, String reason) {

    /** The setting value that turns the tray off. */
    public static final String NONE = "none";

    /** What the session offers, as probed (see {@link TrayHosts}). */
    public record Session(boolean sniWatcher, boolean xembedTray, boolean appIndicatorLibrary) {}

    public static TrayChoice none(String reason) {
        return new TrayChoice(Optional.empty(), reason);
    }

    public static TrayChoice of(String type, String reason) {
        return new TrayChoice(Optional.of(type), reason);
    }

    /**
     * The rule: an explicit setting wins; macOS and Windows keep their native types (dorkbox's own choice, Swing
     * on Windows for balloons); elsewhere a StatusNotifierWatcher on the session bus means AppIndicator (KDE,
     * GNOME with the AppIndicator extension, XFCE, Cinnamon, LXQt), else an XEmbed tray manager means Gtk, else
     * no tray. Never dorkbox's AutoDetect on Linux: it picks Gtk whenever anyone's process mentions "xfce".
     */
    public static TrayChoice choose(Os os, Optional<String> setting, Supplier<Session> probe) {
        if (setting.isPresent()) {
            String s = setting.get().strip();
            return s.equalsIgnoreCase(NONE)
                    ? none("tray_type is set to none")
                    : of(s, "tray_type / AWS_MFA_AGENT_TRAY_TYPE is set to " + s);
        }
        if (os.isWindows()) {
            return of("Swing", "Windows: the Swing type, whose icon can show balloons");
        }
        if (os.isMac()) {
            return of("AutoDetect", "macOS: the native menu bar icon");
        }
        Session session = probe.get();
        if (session.sniWatcher() && session.appIndicatorLibrary()) {
            return of(
                    "AppIndicator",
                    "a StatusNotifierWatcher is on the session bus (the panel shows " + "StatusNotifierItems)");
        }
        if (session.xembedTray()) {
            return of(
                    DorkboxTray.RECOMMENDED_LINUX_TYPE,
                    session.sniWatcher()
                            ? "the panel shows StatusNotifierItems but no AppIndicator library is installed; using its "
                                    + "XEmbed tray (_NET_SYSTEM_TRAY_S0)"
                            : "an XEmbed tray (_NET_SYSTEM_TRAY_S0) owns the screen's system tray selection");
        }
        if (session.sniWatcher()) {
            return none("the panel shows StatusNotifierItems, but no AppIndicator library is installed");
        }
        return none("no tray host: neither a StatusNotifierWatcher on the session bus nor an XEmbed tray "
                + "(_NET_SYSTEM_TRAY_S0)");
    }

    /** The file in the agent's state folder that {@code status} reads the choice from. */
    public static final String STATE_FILE = "tray";

    /** Leaves the choice and the type dorkbox actually shows (if any) where {@code status} can read it. */
    public void save(Path stateDir, Optional<String> shown) {
        try {
            Files.writeString(
                    stateDir.resolve(STATE_FILE),
                    shown.map(t -> "shown: " + t + "\n").orElse("shown: none\n") + "chosen: " + describe() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            // status then says nothing about the tray; the log has the choice
        }
    }

    /** "AppIndicator: a StatusNotifierWatcher ..." or "none: no tray host ...": one line for logs and status. */
    public String describe() {
        return type.orElse(NONE) + ": " + reason;
    }
}
