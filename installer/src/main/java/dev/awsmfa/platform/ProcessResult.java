package dev.awsmfa.platform;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a finished program left behind. stdout may hold an MFA code (a code helper prints it there): toString
 * never shows it, and no message is made from it.
 *
 * @param truncated whether output beyond {@link SystemProcessRunner#OUTPUT_LIMIT} was dropped
 */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean truncated) {
    /** Longer error lines are cut: a message is one line, not a program's dump. */
    static final int MAX_ERROR_LINE = 200;
    /** Six or more digits in a row could be a code (a helper that echoes one to stderr): never shown. */
    private static final Pattern CODE_LIKE = Pattern.compile("\\d{6,}");

    public ProcessResult(int exitCode, String stdout, String stderr) {
        this(exitCode, stdout, stderr, false);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The last non-blank line of stdout, stripped: where code printers (ykman, oathtool) put the code. */
    public String lastLine() {
        String[] lines = stdout.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "";
    }

    /**
     * The first non-blank line of stderr, to quote in a one-line message (reg.exe, launchctl, gdbus and osascript
     * say what went wrong there). Never stdout, which may be a code; digit runs are masked as in
     * {@link #lastErrorLine()}.
     */
    public String errorLine() {
        for (String line : stderr.split("\\R")) {
            if (!line.isBlank()) {
                return shown(line);
            }
        }
        return "no error output";
    }

    /**
     * The last non-blank line of stderr, where tools (ykman, oathtool, a script's {@code echo ... >&2}) say why
     * they failed; any run of six or more digits is masked and the line is cut at {@value #MAX_ERROR_LINE}
     * characters. stdout is never used: it is where a code goes.
     */
    public Optional<String> lastErrorLine() {
        String[] lines = stderr.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return Optional.of(shown(lines[i]));
            }
        }
        return Optional.empty();
    }

    private static String shown(String raw) {
        String line = CODE_LIKE.matcher(raw.strip()).replaceAll("******");
        return line.length() > MAX_ERROR_LINE ? line.substring(0, MAX_ERROR_LINE) + "…" : line;
    }

    @Override
    public String toString() {
        return "ProcessResult[exitCode=" + exitCode + ", stdout=(" + stdout.length() + " chars, hidden), stderr=("
                + stderr.length() + " chars)" + (truncated ? ", truncated" : "") + "]";
    }
}
