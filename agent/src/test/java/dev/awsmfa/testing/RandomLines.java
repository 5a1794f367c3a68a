package dev.awsmfa.testing;

import java.util.Random;
import java.util.function.Consumer;

/** Lines for checking a hand-written parser against the regex it replaces: many short ones, some long. */
public final class RandomLines {
    private RandomLines() {}

    /** Calls {@code check} with {@code count} lines over {@code alphabet}; the same lines for the same seed. */
    public static void forEach(String alphabet, long seed, int count, Consumer<String> check) {
        Random random = new Random(seed);
        StringBuilder line = new StringBuilder();
        for (int n = 0; n < count; n++) {
            line.setLength(0);
            // The first third: every length up to 5 over and over (short lines hold the edge cases).
            int length = n < count / 3 ? n % 6 : random.nextInt(24);
            for (int i = 0; i < length; i++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            check.accept(line.toString());
        }
    }

    /** The line as code points, for a failure message (it may hold invisible characters). */
    public static String describe(String line) {
        return line.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
    }
}
