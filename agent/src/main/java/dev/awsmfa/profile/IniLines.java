package dev.awsmfa.profile;

import static dev.awsmfa.profile.PythonText.isSpace;
import static dev.awsmfa.profile.PythonText.splitLines;
import static dev.awsmfa.profile.PythonText.strip;
import static dev.awsmfa.profile.PythonText.stripEnd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AWS CLI's INI grammar as a line model: botocore's {@code raw_config_parse}, which is Python's
 * {@code RawConfigParser} in strict mode (no inline comments, {@code =} or {@code :}, indented lines continue
 * the key above, {@code [DEFAULT]} shared by every section, duplicates refused, keys lower-cased) plus botocore's
 * nested blocks ({@code s3 =} followed by indented {@code key = value} lines). The reader ({@link IniFile}) and the
 * byte-preserving editor both use it, so they cannot disagree on which line is what.
 *
 * <p>Works on decoded text; offsets index into it. Lines end at LF, CRLF or CR (Python's universal newlines).
 */
public final class IniLines {

    /** What a line is to the AWS CLI. */
    public enum Kind {
        BLANK,
        COMMENT,
        HEADER,
        KEY,
        CONTINUATION,
        INVALID
    }

    /**
     * One line: {@code start..end} its content, {@code next} where the next line starts (after the line end);
     * {@code section} the section it is in (a header's own name); {@code key} the lower-cased key a KEY or
     * CONTINUATION line belongs to; {@code valueStart} where a KEY line's value begins (after the separator and
     * its spaces).
     */
    public record Line(
            int number, int start, int end, int next, Kind kind, String section, String key, int valueStart) {}

    /** The first reason the AWS CLI refuses the file, with its 1-based line. */
    public record Problem(int line, String what) {}

    private final String text;
    private final List<Line> lines;
    private final Problem problem;
    private final Map<String, IniFile.Section> sections;
    /** The indices of the header lines, in file order. */
    private final int[] headers;

    private IniLines(
            String text, List<Line> lines, Problem problem, Map<String, IniFile.Section> sections, int[] headers) {
        this.text = text;
        this.lines = lines;
        this.problem = problem;
        this.sections = sections;
        this.headers = headers;
    }

    public String text() {
        return text;
    }

    public List<Line> lines() {
        return lines;
    }

    /** Null when the AWS CLI reads the file. */
    public Problem problem() {
        return problem;
    }

    /**
     * Sections in file order as botocore returns them: keys in order, values joined, nested blocks parsed, {@code
     * [DEFAULT]}'s keys merged into each.
     */
    public Map<String, IniFile.Section> sections() {
        return sections;
    }

    /**
     * The ranges of line indices [from, to) that belong to {@code section} or to [DEFAULT] (whose keys show in every
     * section), in file order; a section runs from its header to the next header. Every line when the file has a
     * problem: a section may then appear more than once. An edit of one section visits only these lines and copies
     * the rest as it is (a 1,000-profile file has 10,000 lines; issue 15).
     */
    public List<int[]> linesOf(String section) {
        if (problem != null) {
            return List.of(new int[] {0, lines.size()});
        }
        List<int[]> spans = new ArrayList<>(2);
        for (int h = 0; h < headers.length; h++) {
            String name = lines.get(headers[h]).section();
            if (name.equals(section) || name.equals("DEFAULT")) {
                spans.add(new int[] {headers[h], h + 1 < headers.length ? headers[h + 1] : lines.size()});
            }
        }
        return spans;
    }

    /** Whether the file has a [DEFAULT] section. */
    public boolean hasDefault() {
        for (int h : headers) {
            if (lines.get(h).section().equals("DEFAULT")) {
                return true;
            }
        }
        return false;
    }

    public static IniLines parse(String text) {
        // Indices into text, not a string per line: a 1,000-profile file has 6,000 lines, and every string made here
        // is garbage the next moment (issue 15: the young collections of a renewal). Strings are made only for what
        // is kept: section names, keys and values.
        int n = text.length();
        List<Line> lines = new ArrayList<>(Math.max(16, n / 64));
        Problem problem = text.startsWith("\uFEFF")
                ? new Problem(1, "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM")
                : null;
        // A key's value: its one line's text, or a Value once a continuation comes; joined in place at the end.
        Map<String, Map<String, Object>> raw = new LinkedHashMap<>();
        // Keys and short values repeat in every section (aws_access_key_id, region = us-east-1): one string each, not
        // one per line, since the parse is kept (a 1,000-profile pair has 14,000 key lines; issue 15).
        Map<String, String> shared = new HashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> current = null;
        String section = null;
        String option = null;
        // Blank lines after option's value: RawConfigParser appends "" for each, which its final rstrip() drops
        // unless a continuation line follows; so they are added only then (most sections end in a blank line).
        int blanks = 0;
        int indentLevel = 0;
        int start = 0;
        int number = 0;
        int[] headers = new int[64];
        int headerCount = 0;
        while (start < n) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int next = end;
            if (next < n) {
                next += text.charAt(next) == '\r' && next + 1 < n && text.charAt(next + 1) == '\n' ? 2 : 1;
            }
            number++;
            // The line's content stripped (Python's strip): text[a, b).
            int a = start;
            while (a < end && isSpace(text.charAt(a))) {
                a++;
            }
            int b = end;
            while (b > a && isSpace(text.charAt(b - 1))) {
                b--;
            }
            char c0 = a < b ? text.charAt(a) : 0;
            Kind kind;
            String key = null;
            int valueStart = -1;
            if (c0 == '#' || c0 == ';') {
                kind = Kind.COMMENT;
            } else if (a == b) {
                kind = Kind.BLANK;
                if (current != null && option != null) {
                    blanks++;
                }
            } else {
                int indent = a - start;
                if (current != null && option != null && indent > indentLevel) {
                    kind = Kind.CONTINUATION;
                    key = option;
                    Value value = lines(current, option);
                    for (; blanks > 0; blanks--) {
                        value.add("");
                    }
                    value.add(text.substring(a, b));
                } else {
                    indentLevel = indent;
                    int close = -1; // the last ']' of the stripped line, from its start; only a '[' line needs it
                    if (c0 == '[') {
                        close = text.lastIndexOf(']', b - 1);
                        close = close < a ? -1 : close - a;
                    }
                    int sep = separator(text, a, b);
                    if (c0 == '[' && close >= 2) {
                        kind = Kind.HEADER;
                        if (headerCount == headers.length) {
                            headers = Arrays.copyOf(headers, headerCount * 2);
                        }
                        headers[headerCount++] = lines.size();
                        section = text.substring(a + 1, a + close);
                        option = null;
                        blanks = 0;
                        if (raw.containsKey(section)) {
                            problem = first(problem, number, "the section [" + section + "] appears twice");
                        } else if (section.equals("DEFAULT")) {
                            current = defaults;
                        } else {
                            current = new LinkedHashMap<>();
                            raw.put(section, current);
                        }
                    } else if (c0 == '[' && close < 0 && sep < 0) {
                        kind = Kind.INVALID;
                        problem = first(problem, number, "a section header that is not closed; write it as [name]");
                    } else if (current == null) {
                        kind = Kind.INVALID;
                        problem = first(problem, number, "a line before the first [section]");
                    } else {
                        int nameEnd = sep < 0 ? a : sep;
                        while (nameEnd > a && isSpace(text.charAt(nameEnd - 1))) {
                            nameEnd--;
                        }
                        if (nameEnd == a) {
                            kind = Kind.INVALID;
                            option = sep < 0 ? option : null;
                            blanks = sep < 0 ? blanks : 0;
                            problem = first(
                                    problem,
                                    number,
                                    sep < 0
                                            ? "not a 'key = value' line"
                                            : "not a 'key = value' line (no key before its '" + text.charAt(sep)
                                                    + "')");
                        } else {
                            kind = Kind.KEY;
                            key = shared(shared, text.substring(a, nameEnd).toLowerCase(Locale.ROOT));
                            if (current.containsKey(key)) {
                                problem = first(
                                        problem, number, "the key '" + key + "' appears twice in [" + section + "]");
                            }
                            valueStart = sep + 1;
                            while (valueStart < end && isSpace(text.charAt(valueStart))) {
                                valueStart++;
                            }
                            String value = text.substring(Math.min(valueStart, b), b);
                            current.put(key, value.length() > 32 ? value : shared(shared, value));
                            option = key;
                            blanks = 0;
                        }
                    }
                }
            }
            lines.add(new Line(number, start, end, next, kind, section, key, valueStart));
            start = next;
        }
        Map<String, IniFile.Section> sections = new LinkedHashMap<>();
        Map<String, String> defaultValues = join(defaults, Map.of());
        for (Map.Entry<String, Map<String, Object>> s : raw.entrySet()) {
            Map<String, String> values = join(s.getValue(), defaultValues);
            Map<String, Map<String, String>> nested = Map.of();
            for (Map.Entry<String, String> v : values.entrySet()) {
                if (v.getValue().startsWith("\n")) {
                    Map<String, String> block = nested(v.getValue());
                    if (block == null) {
                        problem = first(
                                problem,
                                keyLine(lines, s.getKey(), v.getKey()),
                                "an indented line under '" + v.getKey() + "' in [" + s.getKey()
                                        + "] that is not 'key = value'");
                    } else {
                        if (nested.isEmpty()) {
                            nested = new LinkedHashMap<>();
                        }
                        nested.put(v.getKey(), block);
                    }
                }
            }
            sections.put(s.getKey(), new IniFile.Section(s.getKey(), values, nested));
        }
        return new IniLines(
                text,
                Collections.unmodifiableList(lines),
                problem,
                Collections.unmodifiableMap(sections),
                Arrays.copyOf(headers, headerCount));
    }

    /**
     * A key's value lines as RawConfigParser collects them: the first line's value, then each continuation (a blank
     * line inside a value as ""). Most keys have one line, so the list is made only for a second.
     */
    private static final class Value {
        private final String first;
        private List<String> more;

        Value(String first) {
            this.first = first;
        }

        void add(String line) {
            if (more == null) {
                more = new ArrayList<>(4);
            }
            more.add(line);
        }

        /** Python's {@code '\n'.join(lines).rstrip()}. */
        String joined() {
            if (more == null) {
                return stripEnd(first);
            }
            StringBuilder all = new StringBuilder(first);
            more.forEach(l -> all.append('\n').append(l));
            return stripEnd(all.toString());
        }
    }

    /** The string equal to {@code s} met before in this parse, else {@code s} (no lambda: no class made at run time). */
    private static String shared(Map<String, String> shared, String s) {
        String before = shared.putIfAbsent(s, s);
        return before == null ? s : before;
    }

    /** The line of the last {@code key} line in {@code section} (1 when the key came from [DEFAULT]). */
    private static int keyLine(List<Line> lines, String section, String key) {
        int at = 1;
        for (Line l : lines) {
            if (l.kind() == Kind.KEY
                    && !"DEFAULT".equals(l.section())
                    && section.equals(l.section())
                    && key.equals(l.key())) {
                at = l.number();
            }
        }
        return at;
    }

    private static Problem first(Problem problem, int line, String what) {
        return problem == null || line < problem.line() ? new Problem(line, what) : problem;
    }

    /**
     * The section's values joined (Python's {@code '\n'.join(lines).rstrip()}; a one-line value is stripped already),
     * in place, then {@code defaults} for keys the section does not have: no second map per section.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> join(Map<String, Object> section, Map<String, String> defaults) {
        for (Map.Entry<String, Object> e : section.entrySet()) {
            if (e.getValue() instanceof Value v) {
                e.setValue(v.joined());
            }
        }
        Map<String, String> values = (Map<String, String>) (Map<String, ?>) section;
        defaults.forEach(values::putIfAbsent);
        return values;
    }

    /** The value lines of {@code key}, made a {@link Value} at its first continuation. */
    private static Value lines(Map<String, Object> section, String key) {
        Object v = section.get(key);
        if (v instanceof Value value) {
            return value;
        }
        Value value = new Value((String) v);
        section.put(key, value); // an existing key: its place in the order stays
        return value;
    }

    /** botocore's {@code _parse_nested}: each non-blank line split at its first '='; null when one has none. */
    private static Map<String, String> nested(String value) {
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : splitLines(value)) {
            String l = strip(line);
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0) {
                return null;
            }
            block.put(strip(l.substring(0, eq)), strip(l.substring(eq + 1)));
        }
        return block;
    }

    /** Where RawConfigParser splits the stripped line {@code text[a, b)} into key and value: its first '=' or ':'. */
    private static int separator(String text, int a, int b) {
        for (int i = a; i < b; i++) {
            if (text.charAt(i) == '=' || text.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }
}
