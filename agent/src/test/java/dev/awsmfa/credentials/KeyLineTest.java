package dev.awsmfa.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.testing.RandomLines;
import org.junit.jupiter.api.Test;

/** The fast key-line test must read every line exactly as the regex it replaces on the hot path. */
class KeyLineTest {
    // Every character class the regex cares about, plus ordinary ones, U+0085 (a regex line end) and U+001F
    // (whitespace to String.strip, not to regex \s).
    private static final String ALPHABET = " \t\u000B\f=:[]#;aK_\u0085\u00E9\u001F";

    @Test
    void agreesWithTheRegexOnEveryShortLineAndManyLongOnes() {
        RandomLines.forEach(ALPHABET, 7, 300_000, line -> assertEquals(
                CredentialsEditor.KEY_LINE.matcher(line).matches(), CredentialsEditor.isKeyLine(line),
                () -> "line " + RandomLines.describe(line)));
    }
}
