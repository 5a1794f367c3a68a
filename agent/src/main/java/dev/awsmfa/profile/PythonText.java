package dev.awsmfa.profile;

import java.util.ArrayList;
import java.util.List;

/** Python's whitespace, strip and line-split rules, which botocore's parser uses and ours must match. */
public final class PythonText {

    private PythonText() {}

    /** Python's {@code str.isspace()} (and regex {@code \s}) for one UTF-16 unit; none outside the BMP. */
    public static boolean isSpace(char c) {
        return (c >= '\t' && c <= '\r')
                || (c >= '\u001C' && c <= ' ')
                || c == '\u0085'
                || c == '\u00A0'
                || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200A')
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u202F'
                || c == '\u205F'
                || c == '\u3000';
    }

    /** Python's {@code str.strip()}. */
    public static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    static String stripEnd(String s) {
        int b = s.length();
        while (b > 0 && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(0, b);
    }

    /** Python's {@code str.splitlines()} line breaks. */
    static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n'
                    || c == '\u000B'
                    || c == '\f'
                    || c == '\r'
                    || c == '\u001C'
                    || c == '\u001D'
                    || c == '\u001E'
                    || c == '\u0085'
                    || c == '\u2028'
                    || c == '\u2029') {
                out.add(s.substring(from, i));
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                from = i + 1;
            }
        }
        if (from < s.length()) {
            out.add(s.substring(from));
        }
        return out;
    }
}
