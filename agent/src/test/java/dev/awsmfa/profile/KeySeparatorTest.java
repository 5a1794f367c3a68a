package dev.awsmfa.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.testing.RandomLines;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The config reader's fast paths must split lines exactly as the regexes they replace. */
class KeySeparatorTest {
    // Every character class KEY_LINE cares about, ordinary ones, and the three regex line ends that can occur
    // in a decoded line (U+0085, U+2028, U+2029).
    private static final String ALPHABET = " \t\u000B\f=:[]#;aK\u0085\u2028\u2029\u00E9";

    @Test
    void separatorAgreesWithTheRegex() {
        RandomLines.forEach(ALPHABET, 11, 300_000, line -> {
            Matcher key = IniFile.KEY_LINE.matcher(line);
            int expected = key.matches() ? key.start(3) - 1 : -1;
            assertEquals(expected, IniFile.keySeparator(line), () -> "line " + RandomLines.describe(line));
        });
    }

    @Test
    void linesSplitAsTheRegexSplitsThem() {
        Random random = new Random(13);
        String alphabet = "\r\na=";
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 20_000; n++) {
            text.setLength(0);
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            assertArrayEquals(s.split("\r\n|\n|\r", -1), IniFile.splitLines(s), () -> "text " + s.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }
}
