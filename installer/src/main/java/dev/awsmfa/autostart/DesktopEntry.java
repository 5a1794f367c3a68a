package dev.awsmfa.autostart;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Our XDG autostart entry (Desktop Entry spec 1.5), and how to read a user's switch-off from an existing one. */
public record DesktopEntry(List<String> exec) {

    /** The spec's reserved characters; \r is not listed but is quoted too, to keep the line unambiguous. */
    private static final String RESERVED = " \t\n\r\"'\\><~|&;$*?#()`";

    public DesktopEntry {
        exec = List.copyOf(exec);
    }

    String render() {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=AWS MFA Agent\n"
                + "Comment=Keeps AWS CLI MFA sessions fresh\n"
                + "Exec=" + execValue(exec) + "\n"
                + "Icon=aws-mfa-agent\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    /**
     * The Exec value: each argument quoted by the spec's "Exec key" rules, then the line escaped as a string
     * value. The string escape comes on top of the quote escape, so a literal backslash ends up as four.
     */
    public static String execValue(List<String> argv) {
        String commandLine = argv.stream().map(DesktopEntry::quote).collect(Collectors.joining(" "));
        return commandLine
                .replace("\\", "\\\\")
                .replace("\n", "\\n")
                .replace("\t", "\\t")
                .replace("\r", "\\r");
    }

    private static String quote(String arg) {
        String literal = arg.replace("%", "%%"); // a lone % would start a field code
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> RESERVED.indexOf(c) >= 0)) {
            return literal;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : literal.toCharArray()) {
            if ("\"`$\\".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /**
     * Which key switched the entry off, if any: GNOME writes Hidden=true when a user "removes" an entry
     * (the spec says to ignore such an entry) and X-GNOME-Autostart-enabled=false for its on/off toggle.
     */
    static Optional<String> userSwitchOff(String text) {
        boolean inMainGroup = false;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                inMainGroup = line.equals("[Desktop Entry]");
                continue;
            }
            int equals = line.indexOf('=');
            if (!inMainGroup || line.startsWith("#") || equals < 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (key.equals("Hidden") && value.equalsIgnoreCase("true")) {
                return Optional.of("Hidden=true");
            }
            if (key.equals("X-GNOME-Autostart-enabled") && value.equalsIgnoreCase("false")) {
                return Optional.of("X-GNOME-Autostart-enabled=false");
            }
        }
        return Optional.empty();
    }
}
