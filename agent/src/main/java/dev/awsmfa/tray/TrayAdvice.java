package dev.awsmfa.tray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What to install for a tray icon, named for the distribution the agent runs on ({@code /etc/os-release}):
 * dorkbox's own advice ({@code libappindicator3-1}) names a package Debian 12 and current Ubuntu do not have.
 */
public record TrayAdvice(String distribution, String appIndicatorPackage, String gnomeExtensionPackage) {

    public static TrayAdvice forThisSystem() {
        return from(osRelease(Path.of("/etc/os-release")));
    }

    /** @param osRelease the KEY=value pairs of os-release(5) */
    static TrayAdvice from(Map<String, String> osRelease) {
        String ids = (osRelease.getOrDefault("ID", "") + " " + osRelease.getOrDefault("ID_LIKE", ""))
                .toLowerCase(Locale.ROOT);
        String name = osRelease.getOrDefault("PRETTY_NAME", osRelease.getOrDefault("NAME", "this system"));
        if (ids.contains("debian") || ids.contains("ubuntu")) {
            return new TrayAdvice(name, "libayatana-appindicator3-1", "gnome-shell-extension-appindicator");
        }
        if (ids.contains("fedora") || ids.contains("rhel")) {
            return new TrayAdvice(name, "libayatana-appindicator-gtk3", "gnome-shell-extension-appindicator");
        }
        if (ids.contains("arch")) {
            return new TrayAdvice(name, "libayatana-appindicator", "gnome-shell-extension-appindicator");
        }
        if (ids.contains("suse")) {
            return new TrayAdvice(name, "typelib-1_0-AyatanaAppIndicator3-0_1", "gnome-shell-extension-appindicator");
        }
        return new TrayAdvice(
                name, "the Ayatana AppIndicator library (GTK 3)", "the GNOME Shell AppIndicator extension");
    }

    /** The notification text when no tray shows: the agent still works, and how to get an icon. */
    public String noTray(TrayChoice choice) {
        if (choice.reason().contains("no AppIndicator library")) {
            return "Install " + appIndicatorPackage + " and restart aws-mfa-agent for a tray icon. Renewals, prompts "
                    + "and notifications work without it.";
        }
        return "Your desktop shows no tray icons. On GNOME install " + gnomeExtensionPackage + " (then log out and in) "
                + "and " + appIndicatorPackage + ". Renewals, prompts and notifications work without an icon.";
    }

    static Map<String, String> osRelease(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(
                            line.substring(0, eq).strip(),
                            line.substring(eq + 1).strip().replaceAll("^[\"']|[\"']$", ""));
                }
            }
        } catch (IOException e) {
            // no os-release: generic advice
        }
        return values;
    }
}
