package dev.awsmfa.profile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.InvalidFileFormatException;

/**
 * One AWS-style INI file, read. Values come from ini4j; the line checks (with line numbers, which ini4j
 * does not give) and the nested {@code [services]} sub-sections (which ini4j flattens) come from a
 * line scan. Duplicate sections and keys merge, the later value winning, as the AWS SDKs read them.
 */
public record IniFile(Path path, Map<String, Section> sections) {

    /** A section's keys in file order; {@code nested} holds indented sub-keys ({@code sts =\n  endpoint_url = x}). */
    public record Section(String name, Map<String, String> values, Map<String, Map<String, String>> nested) {
        public String get(String key) {
            String v = values.get(key);
            return v == null || v.isBlank() ? null : v.strip();
        }

        /** Key names only: a credentials section holds secrets. */
        @Override
        public String toString() {
            return "[" + name + "] " + values.keySet();
        }
    }

    /** Section names only: the values may be secrets. */
    @Override
    public String toString() {
        return "IniFile[" + path + ", " + sections.keySet() + "]";
    }

    static final Pattern HEADER = Pattern.compile("^\\s*\\[([^\\]]*)\\]\\s*(?:[#;].*)?$");
    static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([^=:\\s][^=:]*?)\\s*[=:](.*)$");

    public static IniFile empty(Path path) {
        return new IniFile(path, Map.of());
    }

    public Section section(String name) {
        return sections.get(name);
    }

    /** Reads {@code path}; a missing file reads as empty, anything unreadable is a one-line error. */
    public static IniFile read(Path path) throws ProfileException {
        try {
            if (Files.isDirectory(path)) {
                throw new ProfileException(path + " is a folder, not a file: move it away or point "
                        + envNameFor(path) + " at the file");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // A FIFO or device would block or fail the read: say what it is instead.
                throw new ProfileException(path + " is not a regular file; point " + envNameFor(path) + " at your file");
            }
            return parse(path, readSettled(path));
        } catch (NoSuchFileException e) {
            return empty(path);
        } catch (AccessDeniedException e) {
            throw new ProfileException("cannot read " + path + ": permission denied; fix it with: chmod u+r " + path);
        } catch (IOException e) {
            throw new ProfileException("cannot read " + path + ": " + describe(e) + "; check the file and try again");
        }
    }

    /**
     * The file's bytes once no writer is between truncating and writing it: the AWS CLI rewrites in place,
     * so a read can catch it empty or half-written. Empty or changing content is read again a few times.
     */
    private static byte[] readSettled(Path path) throws IOException {
        byte[] bytes = new byte[0];
        for (int attempt = 0; attempt < 5; attempt++) {
            BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class);
            bytes = Files.readAllBytes(path);
            BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
            boolean settled = before.size() == after.size() && bytes.length == after.size()
                    && before.lastModifiedTime().equals(after.lastModifiedTime());
            if (settled && bytes.length > 0) {
                return bytes;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return bytes;
            }
        }
        return bytes;
    }

    public static IniFile parse(Path path, byte[] bytes) throws ProfileException {
        String text = decode(path, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, Map<String, Map<String, String>>> nested = scan(path, text);
        Ini ini = new Ini();
        ini.setConfig(iniConfig());
        try {
            ini.load(new StringReader(text));
        } catch (InvalidFileFormatException e) {
            Matcher at = Pattern.compile("at line: (\\d+)").matcher(String.valueOf(e.getMessage()));
            throw new ProfileException(path + (at.find() ? " line " + at.group(1) : "")
                    + ": the line cannot be parsed; fix or remove it");
        } catch (IOException e) {
            throw new ProfileException("cannot read " + path + ": " + describe(e));
        }
        Map<String, Section> sections = new LinkedHashMap<>();
        for (String name : ini.keySet()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (org.ini4j.Profile.Section s : ini.getAll(name)) {
                for (String key : s.keySet()) {
                    List<String> all = s.getAll(key);
                    String last = all.get(all.size() - 1);
                    values.put(key.strip().toLowerCase(java.util.Locale.ROOT), last == null ? "" : last);
                }
            }
            String clean = name.strip();
            sections.put(clean, new Section(clean, values, nested.getOrDefault(clean, Map.of())));
        }
        return new IniFile(path, java.util.Collections.unmodifiableMap(sections));
    }

    private static Config iniConfig() {
        Config c = new Config();
        // Defaults would unescape backslashes and treat the file as a tree; AWS files are flat and literal.
        c.setEscape(false);
        c.setEscapeNewline(false);
        c.setTree(false);
        c.setMultiSection(true);
        c.setMultiOption(true);
        c.setEmptyOption(true);
        c.setLowerCaseOption(false);
        c.setLowerCaseSection(false);
        return c;
    }

    /** Checks every line the way the AWS CLI's parser would accept it and collects nested sub-keys. */
    private static Map<String, Map<String, Map<String, String>>> scan(Path path, String text) throws ProfileException {
        Map<String, Map<String, Map<String, String>>> nested = new LinkedHashMap<>();
        String section = null;
        String parentKey = null;
        String[] lines = splitLines(text);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            Matcher header = trimmed.charAt(0) == '[' ? HEADER.matcher(line) : null;
            if (header != null && header.matches()) {
                section = header.group(1).strip();
                parentKey = null;
                continue;
            }
            if (trimmed.startsWith("[")) {
                throw new ProfileException(path + " line " + (i + 1)
                        + ": a section header that is not closed; write it as [name]");
            }
            int sep = keySeparator(line);
            if (sep < 0) {
                // The line itself is not echoed: it could be a pasted secret.
                throw new ProfileException(path + " line " + (i + 1)
                        + ": not a 'key = value' line; fix or remove it");
            }
            if (section == null) {
                throw new ProfileException(path + " line " + (i + 1) + ": a key before the first [section]; "
                        + "move it under a section or remove it");
            }
            boolean indented = isRegexSpace(line.charAt(0));
            boolean noValue = line.substring(sep + 1).isBlank();
            if (indented && parentKey != null) {
                nested.computeIfAbsent(section, s -> new LinkedHashMap<>())
                        .computeIfAbsent(parentKey, k -> new LinkedHashMap<>())
                        .put(keyName(line, sep), line.substring(sep + 1).strip());
            } else {
                parentKey = noValue ? keyName(line, sep) : null;
            }
        }
        return nested;
    }

    /**
     * Where {@link #KEY_LINE} splits {@code line} into name and value, or -1 when it does not match. Plan time for
     * a big file is mostly this test, so the common case skips the regex: with no character that
     * java.util.regex treats as a line end (none of CR/LF here; U+0085, U+2028, U+2029 can occur), KEY_LINE
     * matches exactly when a first non-space character other than '=' or ':' has a '=' or ':' after it.
     */
    static int keySeparator(String line) {
        if (hasRegexLineEnd(line)) {
            Matcher key = KEY_LINE.matcher(line);
            return key.matches() ? key.start(3) - 1 : -1;
        }
        int i = 0;
        while (i < line.length() && isRegexSpace(line.charAt(i))) {
            i++;
        }
        if (i == line.length() || line.charAt(i) == '=' || line.charAt(i) == ':') {
            return -1;
        }
        int eq = line.indexOf('=', i + 1);
        int colon = line.indexOf(':', i + 1);
        return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    }

    private static boolean hasRegexLineEnd(String line) {
        return line.indexOf('\u0085') >= 0 || line.indexOf('\u2028') >= 0 || line.indexOf('\u2029') >= 0;
    }

    private static String keyName(String line, int sep) {
        return line.substring(0, sep).strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** Regex {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** As {@code text.split("\r\n|\n|\r", -1)}, without a regex search over the whole file. */
    static String[] splitLines(String text) {
        List<String> lines = new java.util.ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(new String[0]);
    }

    private static String decode(Path path, byte[] bytes) throws ProfileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            int bad = lenient.indexOf('\uFFFD');
            for (int i = 0; i < bad; i++) {
                if (lenient.charAt(i) == '\n') {
                    line++;
                }
            }
            throw new ProfileException(path + " line " + line + ": not valid UTF-8; save the file as UTF-8");
        }
    }

    private static String envNameFor(Path path) {
        return path.getFileName() != null && path.getFileName().toString().contains("credentials")
                ? "AWS_SHARED_CREDENTIALS_FILE" : "AWS_CONFIG_FILE";
    }

    /** The OS's reason ("Not a directory", "Too many levels of symbolic links"), without Java's class names. */
    static String describe(IOException e) {
        String m = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
        return m == null ? "read error" : m;
    }
}
