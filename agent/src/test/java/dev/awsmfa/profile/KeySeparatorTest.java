package dev.awsmfa.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Random random = new Random(11);
        StringBuilder line = new StringBuilder();
        for (int n = 0; n < 300_000; n++) {
            line.setLength(0);
            int length = n < 100_000 ? n % 6 : random.nextInt(24);
            for (int i = 0; i < length; i++) {
                line.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = line.toString();
            Matcher key = IniFile.KEY_LINE.matcher(s);
            int expected = key.matches() ? key.start(3) - 1 : -1;
            assertEquals(expected, IniFile.keySeparator(s),
                    () -> "line " + s.chars().mapToObj(c -> String.format("U+%04X", c)).toList());
        }
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
