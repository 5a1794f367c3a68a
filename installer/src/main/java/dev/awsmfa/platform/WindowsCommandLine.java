package dev.awsmfa.platform;

import java.util.List;
import java.util.stream.Collectors;

/**
 * argv as one Windows command line, quoted so that CommandLineToArgvW (and the C runtime) split it back into
 * the same argv. Used for the Run value's data. The program path gets the same treatment: a Windows path holds
 * no quote and does not end in a backslash, where the program-name rules would differ.
 */
public record WindowsCommandLine(List<String> argv) {

    public WindowsCommandLine {
        argv = List.copyOf(argv);
    }

    public String text() {
        return argv.stream().map(WindowsCommandLine::quote).collect(Collectors.joining(" "));
    }

    /** The argument as is when it splits cleanly, else in quotes with its quotes and their backslashes escaped. */
    public static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(WindowsCommandLine::needsQuotes)) {
            return arg;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : arg.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            // Backslashes are literal unless a quote follows: then each one must be doubled.
            quoted.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes))
                    .append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    // Any whitespace, not only space and tab: the JDK would otherwise add quotes of its own on top.
    private static boolean needsQuotes(int c) {
        return c == '"' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
