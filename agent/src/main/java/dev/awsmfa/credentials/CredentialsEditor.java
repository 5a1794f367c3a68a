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
        // Only the target's and [DEFAULT]'s lines are looked at; every other line is copied as it is.
        List<IniLines.Line> lines = model.lines();
        List<int[]> visit = model.linesOf(name);
        boolean found = false;
        boolean longTerm = false;
        boolean hasToken = false;
        for (int[] span : visit) {
            for (IniLines.Line l : lines.subList(span[0], span[1])) {
                if (l.kind() == IniLines.Kind.KEY && "DEFAULT".equals(l.section()) && inStep.containsKey(l.key())) {
                    // [DEFAULT]'s keys show in every section: its aws_security_token would be read as the target's.
                    write.putIfAbsent(l.key(), inStep.get(l.key()));
                }
                boolean target = name.equals(l.section());
                found |= target && l.kind() == IniLines.Kind.HEADER;
                if (target && l.kind() == IniLines.Kind.KEY) {
                    longTerm |= l.key().equals("aws_access_key_id");
                    hasToken |= l.key().equals("aws_session_token") || l.key().equals(SECURITY_TOKEN_KEY);
                }
            }
        }
        if (guard && longTerm && !hasToken) {
            throw new CredentialsFileException("[" + section + "] in the credentials file holds long-term keys, which "
                    + "a session would overwrite; move them to their own profile and point source_profile at it");
        }
        Output out = new Output(file, prefix.isEmpty() ? 0 : 3, body, charset);
        out.text(prefix);
        List<String> seen = new ArrayList<>();
        boolean dropContinuation = false;
        int insertAt = -1; // a piece of out
        int insertAfterLine = -1;
        boolean insertNeedsNewline = false;
        int copied = 0; // the lines before this one are in out
        for (int[] span : visit) {
            if (span[0] > copied) {
                out.range(lines.get(copied).start(), lines.get(span[0]).start());
            }
            copied = span[1];
            for (IniLines.Line l : lines.subList(span[0], span[1])) {
                boolean target = name.equals(l.section());
                String value = target && l.kind() == IniLines.Kind.KEY
                        ? write.getOrDefault(l.key(), inStep.get(l.key()))
                        : null;
                if (l.kind() == IniLines.Kind.KEY || l.kind() == IniLines.Kind.HEADER) {
                    dropContinuation = value != null;
                }
                if (value != null) {
                    out.range(l.start(), l.valueStart()).ours(value).range(l.end(), l.next());
                    seen.add(l.key());
                } else if (target && dropContinuation && l.kind() == IniLines.Kind.CONTINUATION) {
                    continue; // part of the old value of a key we own
                } else {
                    out.range(l.start(), l.next());
                }
                if (target
                        && (l.kind() == IniLines.Kind.HEADER
                                || l.kind() == IniLines.Kind.KEY
                                || l.kind() == IniLines.Kind.CONTINUATION)) {
                    // After the value's last line: a key added before a continuation would take that line as its own.
                    insertAt = out.mark();
                    insertAfterLine = l.number();
                    insertNeedsNewline = l.next() == l.end();
                }
            }
        }
        if (copied < lines.size()) {
            out.range(lines.get(copied).start(), body.length());
        }
        String indent = found ? indentAfter(model, insertAfterLine) : "";
        Output add = new Output(charset);
        for (Map.Entry<String, String> e : write.entrySet()) {
            if (!seen.contains(e.getKey())) {
                add.text(indent).ours(e.getKey()).text(" = ").ours(e.getValue()).text(newline);
            }
        }
        if (!found) {
            if (!text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
                out.text(newline);
            }
            if (!body.isBlank()) {
                out.text(newline);
            }
            out.text("[").ours(section).text("]").text(newline).append(add);
        } else if (add.size() > 0) {
            if (insertNeedsNewline) {
                add.insert(0, new Output(charset).text(newline));
            }
            out.insert(insertAt, add);
        }
        byte[] result = out.bytes();
        int skip = prefix.isEmpty() ? 0 : 3;
        IniLines.Problem after = guard && mayBreak(model, write.values())
                ? IniLines.parse(new String(result, skip, result.length - skip, charset))
                        .problem()
                : null;
        if (after != null) {
            // Only [DEFAULT]'s odd content can do this (a block that breaks in every section, and there was none).
            throw new CredentialsFileException(
                    "writing [" + section + "] would make the credentials file one the AWS CLI " + "refuses (line "
                            + after.line() + ": " + after.what() + "); fix the file and renew again");
        }
        return result;
    }

    /**
     * The new file's bytes, built from ranges of the old file's: a large file is copied once, into an array of the
     * final size, not char by char into a builder and then twice more (string, bytes), which a cold JVM runs
     * interpreted and pays for page by page (issue 15). The pieces are collected first and copied at the end.
     */
    private static final class Output {
        private final byte[] file;
        private final int skip;
        private final String body;
        private final Charset charset;
        /** One byte per char of {@code body} (ASCII, or ISO-8859-1): a range of the text is the same range of bytes. */
        private final boolean direct;

        /** A piece of the result: {@code from[at, at + length)}. */
        private record Piece(byte[] from, int at, int length) {}

        private final List<Piece> pieces = new ArrayList<>();
        private int size;

        /** {@code body}: {@code file} decoded with {@code charset}, less its first {@code skip} bytes (a BOM). */
        Output(byte[] file, int skip, String body, Charset charset) {
            this.file = file;
            this.skip = skip;
            this.body = body;
            this.charset = charset;
            this.direct = file.length - skip == body.length();
        }

        Output(Charset charset) {
            this(new byte[0], 0, "", charset);
        }

        /** {@code body[a, b)}, as the file's own bytes. */
        Output range(int a, int b) {
            if (direct) {
                return put(pieces.size(), new Piece(file, skip + a, b - a));
            }
            return whole(body.substring(a, b).getBytes(charset));
        }

        /** The file's text (a newline, an indent, its BOM) or ASCII: in the file's charset. */
        Output text(String s) {
            return whole(s.getBytes(charset));
        }

        /** Our text (a value, a section name): UTF-8, which is what the AWS CLI reads. */
        Output ours(String s) {
            return whole(s.getBytes(StandardCharsets.UTF_8));
        }

        Output append(Output other) {
            return insert(pieces.size(), other);
        }

        /** Puts {@code other}'s pieces before piece {@code mark} (a {@link #mark()} taken earlier). */
        Output insert(int mark, Output other) {
            for (int i = 0; i < other.pieces.size(); i++) {
                put(mark + i, other.pieces.get(i));
            }
            return this;
        }

        /** Where the next piece goes, for a later {@link #insert}. */
        int mark() {
            return pieces.size();
        }

        int size() {
            return size;
        }

        byte[] bytes() {
            byte[] out = new byte[size];
            int to = 0;
            for (Piece p : pieces) {
                System.arraycopy(p.from(), p.at(), out, to, p.length());
                to += p.length();
            }
            return out;
        }

        private Output whole(byte[] bytes) {
            return put(pieces.size(), new Piece(bytes, 0, bytes.length));
        }

        private Output put(int index, Piece piece) {
            pieces.add(index, piece);
            size += piece.length();
            return this;
        }
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
        return model.hasDefault();
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
