package dev.awsmfa.prompt;

/** What a finished helper left behind. stdout may hold an MFA code: toString never shows it. */
public record HelperResult(int exitCode, String stdout, String stderr) {

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

    /** The first non-blank line of stderr, for logs of helpers whose errors hold no secret (gdbus, osascript). */
    public String errorLine() {
        for (String line : stderr.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "no error output";
    }

    @Override
    public String toString() {
        return "HelperResult[exitCode=" + exitCode + ", stdout=(" + stdout.length() + " chars, hidden)]";
    }
}
