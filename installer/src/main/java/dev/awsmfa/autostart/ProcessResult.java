package dev.awsmfa.autostart;

/** What a finished process left behind. */
public record ProcessResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The first non-blank line of stderr (else stdout), to quote in a one-line error message. */
    public String errorLine() {
        for (String text : new String[] {stderr, stdout}) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        }
        return "no output";
    }
}
