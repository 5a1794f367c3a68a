package dev.awsmfa.credentials;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one edit we make to a credentials file, as a pure function over its bytes: the owned keys of one
 * section get new values (in place, keeping each line's spelling), missing ones are added after the
 * section's last key, and a missing section is appended. Every other byte stays as it was.
 *
 * <p>Text is handled as ISO-8859-1, which maps each byte to one char and back, so comments in any
 * encoding (or none) survive untouched; the keys and values we write are ASCII.
 */
public final class CredentialsEditor {

    /** Our expiry key: ISO-8601 UTC. The AWS CLI ignores keys it does not know. */
    public static final String EXPIRATION_KEY = "aws_session_expiration";
    /** aws-mfa's expiry key (UTC, no zone): kept in step when the section already has it. */
    public static final String AWS_MFA_EXPIRATION_KEY = "expiration";
    private static final DateTimeFormatter AWS_MFA_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final Pattern HEADER = Pattern.compile("^\\s*\\[([^\\]]*)\\]\\s*(?:[#;].*)?$");
    static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([^=:\\s\\[#;][^=:]*?)(\\s*[=:][ \\t]*)(.*)$");
    private static final String BOM = "\u00EF\u00BB\u00BF";

    private CredentialsEditor() {}

    /** The keys we own in a session section, with the values to write, in the order we add them. */
    static Map<String, String> ownedValues(SessionCredentials c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("aws_access_key_id", c.accessKeyId());
        v.put("aws_secret_access_key", c.secretAccessKey());
        v.put("aws_session_token", c.sessionToken());
        v.put(EXPIRATION_KEY, c.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
        return v;
    }

    /**
     * Returns {@code file} with {@code section}'s session keys set to {@code creds}.
     *
     * @throws CredentialsFileException when the section holds long-term keys, which we never overwrite
     */
    public static byte[] apply(byte[] file, String section, SessionCredentials creds) throws CredentialsFileException {
        return set(file, section, ownedValues(creds), AWS_MFA_FORMAT.format(creds.expiration()), true);
    }

    /**
     * Returns {@code file} with {@code section}'s {@code values} set (another writer's keys, merged back), every
     * other byte as it was; values are UTF-8 text.
     */
    static byte[] setValues(byte[] file, String section, Map<String, String> values) {
        Map<String, String> latin = new LinkedHashMap<>();
        values.forEach((k, v) -> latin.put(k, new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        try {
            return set(file, section, latin, null, false);
        } catch (CredentialsFileException e) {
            throw new IllegalStateException("no guard, no refusal", e);
        }
    }

    /** The edit itself: {@code awsMfaExpiration} also updates aws-mfa's key when present; {@code guard} refuses long-term keys. */
    private static byte[] set(byte[] file, String section, Map<String, String> owned, String awsMfaExpiration,
            boolean guard) throws CredentialsFileException {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        String name = new String(section.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        List<String> lines = splitKeepingEnds(text);
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> seen = new ArrayList<>();
        boolean inTarget = false;
        boolean found = false;
        boolean longTerm = false;
        boolean hasToken = false;
        int insertAfter = -1;
        boolean afterKey = false;
        boolean afterOwnedKey = false;
        int keyIndent = 0;
        for (int i = 0; i < lines.size(); i++) {
            String content = stripEnd(lines.get(i));
            if (i == 0 && content.startsWith(BOM)) {
                content = content.substring(BOM.length());
            }
            if (afterKey && !content.isBlank() && indent(content) > keyIndent) {
                // A line indented deeper than the key before it continues that key's value (as the AWS CLI reads it).
                // A continuation of a key we own is part of the old value, so it goes with it.
                if (inTarget && afterOwnedKey) {
                    lines.remove(i--);
                }
                continue;
            }
            afterKey = false;
            Matcher header = startsWithBracket(content) ? HEADER.matcher(content) : null;
            if (header != null && header.matches()) {
                // Exact match, as botocore reads headers: "[ dev ]" is a different profile to the AWS CLI.
                inTarget = header.group(1).equals(name);
                if (inTarget) {
                    found = true;
                    insertAfter = i;
                }
                continue;
            }
            if (!inTarget) {
                // Outside the target only "is it a key line?" matters: the same test as KEY_LINE without running
                // the regex over every value (a 1,000-profile file is mostly long session tokens).
                if (isKeyLine(content)) {
                    afterKey = true;
                    afterOwnedKey = false;
                    keyIndent = indent(content);
                }
                continue;
            }
            Matcher key = KEY_LINE.matcher(content);
            if (!key.matches()) {
                continue;
            }
            afterKey = true;
            afterOwnedKey = false;
            keyIndent = indent(content);
            insertAfter = i;
            String k = key.group(2).strip().toLowerCase(Locale.ROOT);
            longTerm |= k.equals("aws_access_key_id");
            hasToken |= k.equals("aws_session_token") || k.equals("aws_security_token");
            String value = owned.get(k);
            if (value == null && awsMfaExpiration != null && k.equals(AWS_MFA_EXPIRATION_KEY)) {
                value = awsMfaExpiration;
            }
            if (value != null) {
                afterOwnedKey = true;
                String prefix = (i == 0 && lines.get(0).startsWith(BOM) ? BOM : "")
                        + key.group(1) + key.group(2) + key.group(3);
                lines.set(i, prefix + value + lineEnd(lines.get(i)));
                seen.add(k);
            }
        }
        if (guard && longTerm && !hasToken) {
            throw new CredentialsFileException("[" + section + "] in the credentials file holds long-term keys, which "
                    + "a session would overwrite; move them to their own profile and point source_profile at it");
        }
        StringBuilder add = new StringBuilder();
        for (Map.Entry<String, String> e : owned.entrySet()) {
            if (!seen.contains(e.getKey())) {
                add.append(e.getKey()).append(" = ").append(e.getValue()).append(newline);
            }
        }
        if (!found) {
            StringBuilder out = new StringBuilder(text);
            if (!text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
                out.append(newline);
            }
            if (!stripBom(text).isBlank()) {
                out.append(newline);
            }
            out.append('[').append(name).append(']').append(newline).append(add);
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        if (add.length() > 0) {
            String after = lines.get(insertAfter);
            if (lineEnd(after).isEmpty()) {
                lines.set(insertAfter, after + newline);
            }
            lines.add(insertAfter + 1, add.toString());
        }
        return String.join("", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    static Instant parseAwsMfaExpiration(String value) {
        return AWS_MFA_FORMAT.parse(value.strip(), Instant::from);
    }

    private static List<String> splitKeepingEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Whether the first character that is not regex whitespace is '[': only such a line can match HEADER. */
    private static boolean startsWithBracket(String line) {
        int i = skipSpace(line, 0);
        return i < line.length() && line.charAt(i) == '[';
    }

    /**
     * Exactly {@code KEY_LINE.matcher(line).matches()}, without running the regex over the value (a 1,000-profile
     * file is mostly long session tokens). A line here has no CR or LF; one with U+0085 (a byte of some UTF-8
     * characters, and a line end to java.util.regex) takes the regex itself.
     */
    static boolean isKeyLine(String line) {
        if (line.indexOf('\u0085') >= 0) {
            return KEY_LINE.matcher(line).matches();
        }
        int i = skipSpace(line, 0);
        if (i == line.length() || "=:[#;".indexOf(line.charAt(i)) >= 0) {
            return false;
        }
        return line.indexOf('=', i + 1) > 0 || line.indexOf(':', i + 1) > 0;
    }

    /** Past the characters of regex {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static int skipSpace(String line, int from) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    private static String lineEnd(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        if (line.endsWith("\n") || line.endsWith("\r")) {
            return line.substring(line.length() - 1);
        }
        return "";
    }

    private static String stripEnd(String line) {
        return line.substring(0, line.length() - lineEnd(line).length());
    }

    private static String stripBom(String text) {
        return text.startsWith(BOM) ? text.substring(BOM.length()) : text;
    }
}
