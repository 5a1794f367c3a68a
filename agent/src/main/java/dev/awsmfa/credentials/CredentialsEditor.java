package dev.awsmfa.credentials;

import dev.awsmfa.profile.IniFile;
import dev.awsmfa.profile.IniLines;
import dev.awsmfa.profile.PythonText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one edit we make to a credentials file, as a pure function over its bytes: the owned keys of one
 * section get new values (in place, keeping each line's spelling; an owned key's continuation lines go with
 * its old value), keys aws-mfa wrote ({@code expiration}, {@code aws_security_token}) are kept in step when
 * present, missing owned keys are added after the section's last value line, and a missing section is appended.
 * Every other byte stays as it was. Which line is what comes from {@link IniLines}, the grammar the reader uses.
 *
 * <p>Text is decoded as UTF-8 (byte-exact both ways for valid UTF-8); a file that is not valid UTF-8 (which the
 * AWS CLI refuses, so we only meet it when merging another writer's content) is handled as ISO-8859-1, which
 * maps each byte to one char and back.
 */
public final class CredentialsEditor {

    /** Our expiry key: ISO-8601 UTC. The AWS CLI ignores keys it does not know. */
    public static final String EXPIRATION_KEY = "aws_session_expiration";
    /** aws-mfa's expiry key (UTC, no zone): kept in step when the section already has it. */
    public static final String AWS_MFA_EXPIRATION_KEY = "expiration";
    /** The old name of the session token, which aws-mfa writes too and botocore reads first: kept in step. */
    public static final String SECURITY_TOKEN_KEY = "aws_security_token";

    private static final DateTimeFormatter AWS_MFA_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

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
     * @throws CredentialsFileException when the section holds long-term keys, which we never overwrite, or the
     *     AWS CLI refuses the file
     */
    public static byte[] apply(byte[] file, String section, SessionCredentials creds) throws CredentialsFileException {
        return apply(file, null, section, creds);
    }

    /**
     * The same, reusing {@code known} (a parse of some bytes, may be null) when {@code file} is exactly those bytes:
     * a renewal parses the credentials file once, when it reads the profiles, and edits those lines unless the file
     * has changed since.
     */
    public static byte[] apply(byte[] file, IniFile.Source known, String section, SessionCredentials creds)
            throws CredentialsFileException {
        Map<String, String> inStep = Map.of(
                AWS_MFA_EXPIRATION_KEY,
                AWS_MFA_FORMAT.format(creds.expiration()),
                SECURITY_TOKEN_KEY,
                creds.sessionToken());
        return set(file, known, section, ownedValues(creds), inStep, true);
    }

    /**
     * Returns {@code file} with {@code section}'s {@code values} set (another writer's keys, merged back), every
     * other byte as it was.
     */
    static byte[] setValues(byte[] file, String section, Map<String, String> values) {
        try {
            return set(file, null, section, values, Map.of(), false);
        } catch (CredentialsFileException e) {
            throw new IllegalStateException("no guard, no refusal", e);
        }
    }

    /** The edit itself: {@code inStep} keys are updated only where present; {@code guard} refuses long-term keys. */
    private static byte[] set(
            byte[] file,
            IniFile.Source known,
            String section,
            Map<String, String> owned,
            Map<String, String> inStep,
            boolean guard)
            throws CredentialsFileException {
        boolean reuse = known != null && known.sameBytes(file);
        String decoded = reuse ? known.lines().text() : new String(file, StandardCharsets.UTF_8);
        boolean utf8 = reuse || isUtf8(file, decoded);
        Charset charset = utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = utf8 ? decoded : new String(file, charset);
        String name = utf8 ? section : latin(section);
        String bom = utf8 ? "\uFEFF" : "\u00EF\u00BB\u00BF";
        String prefix = text.startsWith(bom) ? bom : "";
        // A known parse is of the whole text, BOM included; IniFile refuses a BOM, so a known parse has none.
        IniLines model = reuse && prefix.isEmpty() ? known.lines() : IniLines.parse(text.substring(prefix.length()));
        String body = model.text();
        if (guard && !utf8) {
            throw new CredentialsFileException(
                    "the credentials file is not valid UTF-8; the AWS CLI refuses this file, "
                            + "so we do not write it: save the file as UTF-8");
        }
        if (guard && model.problem() != null) {
            throw new CredentialsFileException("the credentials file line "
                    + (model.problem().line()) + ": " + model.problem().what()
                    + "; the AWS CLI refuses this file, so we do not write it: fix that line");
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        Map<String, String> write = new LinkedHashMap<>(owned);
        for (IniLines.Line l : model.lines()) {
            if (l.kind() == IniLines.Kind.KEY && "DEFAULT".equals(l.section()) && inStep.containsKey(l.key())) {
                // [DEFAULT]'s keys show in every section: an aws_security_token there would be read as the target's.
                write.putIfAbsent(l.key(), inStep.get(l.key()));
            }
        }
        boolean found = false;
        boolean longTerm = false;
        boolean hasToken = false;
        for (IniLines.Line l : model.lines()) {
            boolean target = name.equals(l.section());
            found |= target && l.kind() == IniLines.Kind.HEADER;
            if (target && l.kind() == IniLines.Kind.KEY) {
                longTerm |= l.key().equals("aws_access_key_id");
                hasToken |= l.key().equals("aws_session_token") || l.key().equals(SECURITY_TOKEN_KEY);
            }
        }
        if (guard && longTerm && !hasToken) {
            throw new CredentialsFileException("[" + section + "] in the credentials file holds long-term keys, which "
                    + "a session would overwrite; move them to their own profile and point source_profile at it");
        }
        StringBuilder out = new StringBuilder(file.length + 2048).append(prefix);
        List<String> seen = new ArrayList<>();
        boolean dropContinuation = false;
        int insertAt = -1;
        int insertAfterLine = -1;
        boolean insertNeedsNewline = false;
        for (IniLines.Line l : model.lines()) {
            boolean target = name.equals(l.section());
            String value =
                    target && l.kind() == IniLines.Kind.KEY ? write.getOrDefault(l.key(), inStep.get(l.key())) : null;
            if (l.kind() == IniLines.Kind.KEY || l.kind() == IniLines.Kind.HEADER) {
                dropContinuation = value != null;
            }
            if (value != null) {
                out.append(body, l.start(), l.valueStart())
                        .append(utf8 ? value : latin(value))
                        .append(body, l.end(), l.next());
                seen.add(l.key());
            } else if (target && dropContinuation && l.kind() == IniLines.Kind.CONTINUATION) {
                continue; // part of the old value of a key we own
            } else {
                out.append(body, l.start(), l.next());
            }
            if (target
                    && (l.kind() == IniLines.Kind.HEADER
                            || l.kind() == IniLines.Kind.KEY
                            || l.kind() == IniLines.Kind.CONTINUATION)) {
                // After the value's last line: a key added before a continuation line would take that line as its own.
                insertAt = out.length();
                insertAfterLine = l.number();
                insertNeedsNewline = l.next() == l.end();
            }
        }
        String indent = found ? indentAfter(model, insertAfterLine) : "";
        StringBuilder add = new StringBuilder();
        for (Map.Entry<String, String> e : write.entrySet()) {
            if (!seen.contains(e.getKey())) {
                add.append(indent)
                        .append(e.getKey())
                        .append(" = ")
                        .append(utf8 ? e.getValue() : latin(e.getValue()))
                        .append(newline);
            }
        }
        if (!found) {
            if (!text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
                out.append(newline);
            }
            if (!body.isBlank()) {
                out.append(newline);
            }
            out.append('[').append(name).append(']').append(newline).append(add);
        } else if (add.length() > 0) {
            out.insert(insertAt, (insertNeedsNewline ? newline : "") + add);
        }
        String result = out.toString();
        IniLines.Problem after = guard && mayBreak(model, write.values())
                ? IniLines.parse(result.substring(prefix.length())).problem()
                : null;
        if (after != null) {
            // Only [DEFAULT]'s odd content can do this (a block that breaks in every section, and there was none).
            throw new CredentialsFileException(
                    "writing [" + section + "] would make the credentials file one the AWS CLI " + "refuses (line "
                            + after.line() + ": " + after.what() + "); fix the file and renew again");
        }
        return result.getBytes(charset);
    }

    /**
     * Whether the edit of a file that parsed without a problem can give one that does not: only through [DEFAULT],
     * whose keys join every section (a block there breaks in a section that had none), or through a value with a
     * line break, which the edit would write as lines of their own. Anything else changes single-line values of
     * one section and adds lines after its last value line or a new section at the end, which the grammar reads
     * as before: so the result is parsed again only then (a 1,000-profile file takes tens of ms per parse).
     */
    private static boolean mayBreak(IniLines model, java.util.Collection<String> values) {
        for (String v : values) {
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                return true;
            }
        }
        for (IniLines.Line l : model.lines()) {
            if ("DEFAULT".equals(l.section())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The indent for keys added after line {@code number}: that of the next line that is not blank or a comment. Any
     * less, and that line (indented, but no continuation before) would become the continuation of our last key.
     */
    private static String indentAfter(IniLines model, int number) {
        for (IniLines.Line l : model.lines().subList(number, model.lines().size())) {
            // A continuation after the insertion point is one we dropped with the old value of a key we own.
            if (l.kind() != IniLines.Kind.BLANK
                    && l.kind() != IniLines.Kind.COMMENT
                    && l.kind() != IniLines.Kind.CONTINUATION) {
                int i = l.start();
                while (i < l.end() && PythonText.isSpace(model.text().charAt(i))) {
                    i++;
                }
                return model.text().substring(l.start(), i);
            }
        }
        return "";
    }

    /** Whether {@code bytes} are valid UTF-8, {@code decoded} being their lenient decoding (U+FFFD where not). */
    private static boolean isUtf8(byte[] bytes, String decoded) {
        if (decoded.indexOf('\uFFFD') < 0) {
            return true;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** UTF-8 text as the ISO-8859-1 chars of its bytes. */
    private static String latin(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static Instant parseAwsMfaExpiration(String value) {
        return AWS_MFA_FORMAT.parse(value.strip(), Instant::from);
    }
}
