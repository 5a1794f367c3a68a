package dev.awsmfa.autostart;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * The test's own reading of the Desktop Entry spec's Exec key, strict on purpose: undoes the string escapes,
 * then the quoting, then the %% field code, and fails on anything the spec calls invalid or ambiguous.
 */
final class DesktopExecParser {

    private static final String RESERVED = " \t\n\"'\\><~|&;$*?#()`";
    private static final String QUOTE_ESCAPED = "\"`$\\";

    private DesktopExecParser() {}

    static List<String> parse(String value) {
        String line = unescapeString(value);
        List<String> argv = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            StringBuilder arg = new StringBuilder();
            if (line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        fail("unterminated quote in " + line);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char escaped = line.charAt(i++);
                        assertTrue(QUOTE_ESCAPED.indexOf(escaped) >= 0, "invalid escape \\" + escaped + " in " + line);
                        arg.append(escaped);
                    } else {
                        assertTrue(c != '`' && c != '$', "unescaped " + c + " inside quotes in " + line);
                        arg.append(c);
                    }
                }
                assertTrue(
                        i == line.length() || line.charAt(i) == ' ', "quotes must enclose a whole argument: " + line);
            } else {
                while (i < line.length() && line.charAt(i) != ' ') {
                    char c = line.charAt(i++);
                    assertTrue(RESERVED.indexOf(c) < 0, "reserved " + c + " outside quotes in " + line);
                    arg.append(c);
                }
            }
            argv.add(expandFieldCodes(arg.toString()));
        }
        return argv;
    }

    private static String unescapeString(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 's' -> out.append(' ');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                default -> fail("ambiguous string escape \\" + next + " in " + value);
            }
        }
        return out.toString();
    }

    private static String expandFieldCodes(String arg) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '%') {
                assertTrue(i + 1 < arg.length() && arg.charAt(i + 1) == '%', "field code in " + arg);
                i++;
            }
            out.append(c);
        }
        return out.toString();
    }
}
