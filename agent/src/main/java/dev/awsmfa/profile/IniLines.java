package dev.awsmfa.profile;

import static dev.awsmfa.profile.PythonText.isSpace;
import static dev.awsmfa.profile.PythonText.splitLines;
import static dev.awsmfa.profile.PythonText.strip;
import static dev.awsmfa.profile.PythonText.stripEnd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** A section as botocore returns it: keys in order, values joined, nested blocks parsed. */
    public record Parsed(String name, Map<String, String> values, Map<String, Map<String, String>> nested) {}

    private final String text;
    private final List<Line> lines;
    private final Problem problem;
    private final Map<String, Parsed> sections;

    private IniLines(String text, List<Line> lines, Problem problem, Map<String, Parsed> sections) {
        this.text = text;
        this.lines = lines;
        this.problem = problem;
        this.sections = sections;
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

    /** Sections in file order ({@code [DEFAULT]}'s keys merged into each, as botocore sees them). */
    public Map<String, Parsed> sections() {
        return sections;
    }

    public static IniLines parse(String text) {
        List<Line> lines = new ArrayList<>();
        Problem problem = text.startsWith("\uFEFF")
                ? new Problem(1, "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM")
                : null;
        Map<String, Map<String, List<String>>> raw = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> keyLines = new LinkedHashMap<>();
        Map<String, List<String>> defaults = new LinkedHashMap<>();
        Set<String> added = new HashSet<>();
        Map<String, List<String>> current = null;
        String section = null;
        String option = null;
        int indentLevel = 0;
        int start = 0;
        int number = 0;
        int n = text.length();
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
            String content = text.substring(start, end);
            String value = strip(content);
            Kind kind;
            String key = null;
            int valueStart = -1;
            if (value.startsWith("#") || value.startsWith(";")) {
                kind = Kind.COMMENT;
            } else if (value.isEmpty()) {
                kind = Kind.BLANK;
                if (current != null && option != null) {
                    current.get(option).add("");
                }
            } else {
                int indent = firstNonSpace(content);
                if (current != null && option != null && indent > indentLevel) {
                    kind = Kind.CONTINUATION;
                    key = option;
                    current.get(option).add(value);
                } else {
                    indentLevel = indent;
                    int close = value.lastIndexOf(']');
                    if (value.charAt(0) == '[' && close >= 2) {
                        kind = Kind.HEADER;
                        section = value.substring(1, close);
                        option = null;
                        if (raw.containsKey(section) && added.contains(section)) {
                            problem = first(problem, number, "the section [" + section + "] appears twice");
                        } else if (section.equals("DEFAULT")) {
                            current = defaults;
                        } else {
                            current = new LinkedHashMap<>();
                            raw.put(section, current);
                            keyLines.put(section, new LinkedHashMap<>());
                            added.add(section);
                        }
                    } else if (value.charAt(0) == '[' && close < 0 && separator(value) < 0) {
                        kind = Kind.INVALID;
                        problem = first(problem, number, "a section header that is not closed; write it as [name]");
                    } else if (current == null) {
                        kind = Kind.INVALID;
                        problem = first(problem, number, "a line before the first [section]");
                    } else {
                        int sep = separator(value);
                        String name =
                                sep < 0 ? "" : stripEnd(value.substring(0, sep)).toLowerCase(Locale.ROOT);
                        if (name.isEmpty()) {
                            kind = Kind.INVALID;
                            option = sep < 0 ? option : null;
                            problem = first(
                                    problem,
                                    number,
                                    sep < 0
                                            ? "not a 'key = value' line"
                                            : "not a 'key = value' line (no key before its '" + value.charAt(sep)
                                                    + "')");
                        } else {
                            kind = Kind.KEY;
                            key = name;
                            if (!added.add(section + "\u0000" + name)) {
                                problem = first(
                                        problem, number, "the key '" + name + "' appears twice in [" + section + "]");
                            }
                            List<String> parts = new ArrayList<>();
                            parts.add(strip(value.substring(sep + 1)));
                            current.put(name, parts);
                            if (current != defaults) {
                                keyLines.get(section).put(name, number);
                            }
                            option = name;
                            valueStart = start + indent + sep + 1;
                            while (valueStart < end && isSpace(text.charAt(valueStart))) {
                                valueStart++;
                            }
                        }
                    }
                }
            }
            lines.add(new Line(number, start, end, next, kind, section, key, valueStart));
            start = next;
        }
        Map<String, Parsed> sections = new LinkedHashMap<>();
        Map<String, String> defaultValues = join(defaults);
        for (Map.Entry<String, Map<String, List<String>>> s : raw.entrySet()) {
            Map<String, String> values = join(s.getValue());
            defaultValues.forEach(values::putIfAbsent);
            Map<String, Map<String, String>> nested = new LinkedHashMap<>();
            for (Map.Entry<String, String> v : values.entrySet()) {
                if (v.getValue().startsWith("\n")) {
                    Map<String, String> block = nested(v.getValue());
                    if (block == null) {
                        int at = keyLines.get(s.getKey()).getOrDefault(v.getKey(), 1);
                        problem = first(
                                problem,
                                at,
                                "an indented line under '" + v.getKey() + "' in [" + s.getKey()
                                        + "] that is not 'key = value'");
                    } else {
                        nested.put(v.getKey(), block);
                    }
                }
            }
            sections.put(s.getKey(), new Parsed(s.getKey(), values, nested));
        }
        return new IniLines(text, List.copyOf(lines), problem, sections);
    }

    private static Problem first(Problem problem, int line, String what) {
        return problem == null || line < problem.line() ? new Problem(line, what) : problem;
    }

    /** Python's {@code '\n'.join(lines).rstrip()} for each key. */
    private static Map<String, String> join(Map<String, List<String>> section) {
        Map<String, String> values = new LinkedHashMap<>();
        section.forEach((k, parts) -> values.put(k, stripEnd(String.join("\n", parts))));
        return values;
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

    /** Where RawConfigParser splits {@code value} (stripped) into key and value: its first '=' or ':'. */
    private static int separator(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '=' || value.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonSpace(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i == s.length() ? 0 : i;
    }
}
