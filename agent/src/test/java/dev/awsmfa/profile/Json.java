package dev.awsmfa.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(x, ensure_ascii=True, separators=(',', ':'))} for maps, lists, strings and null, so
 * that our reading and botocore's compare as strings; and a reader for the same subset.
 */
final class Json {
    private Json() {}

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, (String) e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, l.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(value.getClass().getName());
        }
    }

    /** Python escapes '"', '\\', the short forms, and every char outside ' '..'~' as a lowercase \\uXXXX unit. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        out.append('"');
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json) {
        int[] at = {0};
        return (Map<String, Object>) read(json, at);
    }

    private static Object read(String s, int[] at) {
        char c = s.charAt(at[0]);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            at[0]++;
            while (s.charAt(at[0]) != '}') {
                String key = (String) read(s, at);
                at[0]++; // ':'
                m.put(key, read(s, at));
                if (s.charAt(at[0]) == ',') {
                    at[0]++;
                }
            }
            at[0]++;
            return m;
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            at[0]++;
            while (s.charAt(at[0]) != ']') {
                l.add(read(s, at));
                if (s.charAt(at[0]) == ',') {
                    at[0]++;
                }
            }
            at[0]++;
            return l;
        }
        if (s.startsWith("null", at[0])) {
            at[0] += 4;
            return null;
        }
        StringBuilder out = new StringBuilder();
        at[0]++;
        while (s.charAt(at[0]) != '"') {
            char d = s.charAt(at[0]++);
            if (d != '\\') {
                out.append(d);
                continue;
            }
            char e = s.charAt(at[0]++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(at[0], at[0] + 4), 16));
                    at[0] += 4;
                }
                default -> out.append(e);
            }
        }
        at[0]++;
        return out.toString();
    }
}
