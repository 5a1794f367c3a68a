package dev.awsmfa.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast key-line test must read every line exactly as the regex it replaces on the hot path. */
class KeyLineTest {
    // Every character class the regex cares about, plus ordinary ones, U+0085 (a regex line end) and U+001F
    // (whitespace to String.strip, not to regex \s).
    private static final String ALPHABET = " \t\u000B\f=:[]#;aK_\u0085\u00E9\u001F";

    @Test
    void agreesWithTheRegexOnEveryShortLineAndManyLongOnes() {
        Random random = new Random(7);
        StringBuilder line = new StringBuilder();
        for (int n = 0; n < 300_000; n++) {
            line.setLength(0);
            int length = n < 100_000 ? n % 6 : random.nextInt(24);
            for (int i = 0; i < length; i++) {
                line.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = line.toString();
            assertEquals(CredentialsEditor.KEY_LINE.matcher(s).matches(), CredentialsEditor.isKeyLine(s),
                    () -> "line " + s.chars().mapToObj(c -> String.format("U+%04X", c)).toList());
        }
    }
}
