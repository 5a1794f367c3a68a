package dev.awsmfa.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Just enough JSON for the oracle's {"section": {"key": "value"}} output. */
final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    static Map<String, Map<String, String>> parseObjectOfObjects(String text) {
        Json j = new Json(text.strip());
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        j.expect('{');
        while (j.peek() != '}') {
            String section = j.string();
            j.expect(':');
            Map<String, String> values = new LinkedHashMap<>();
            j.expect('{');
            while (j.peek() != '}') {
                String k = j.string();
                j.expect(':');
                values.put(k, j.string());
                if (j.peek() == ',') {
                    j.i++;
                }
            }
            j.expect('}');
            out.put(section, values);
            if (j.peek() == ',') {
                j.i++;
            }
        }
        return out;
    }

    private char peek() {
        while (Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.charAt(i);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + i + " in " + s);
        }
        i++;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        i++;
        return b.toString();
    }
}
