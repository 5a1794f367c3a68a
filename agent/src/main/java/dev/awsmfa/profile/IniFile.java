package dev.awsmfa.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * One AWS-style INI file, read as the AWS CLI reads it ({@link IniLines}: botocore's grammar). Section names
 * are kept exactly ({@code [ dev ]} is " dev " to the AWS CLI); a file the AWS CLI refuses (a duplicate
 * section or key, a BOM, a line it cannot parse) is refused here too, naming the line.
 *
 * <p>ini4j (the design's INI library) is not used here: it merges duplicates instead of refusing them, has
 * no continuation lines, no {@code [DEFAULT]}, no nested blocks and no line numbers.
 */
public record IniFile(Path path, Map<String, Section> sections, Source source) {

    /**
     * The bytes a file was read from and their line model, so that a later step that meets the same bytes (the
     * credentials file's check and write, under the lock) can edit them without parsing again. Null for a file
     * not read from bytes (empty, missing).
     */
    public record Source(byte[] bytes, IniLines lines) {
        /** Whether {@code other} is exactly the bytes this was parsed from. */
        public boolean sameBytes(byte[] other) {
            return java.util.Arrays.equals(bytes, other);
        }

        @Override
        public String toString() {
            return "Source[" + bytes.length + " bytes]"; // the content holds secrets
        }
    }

    /**
     * A section's keys in file order (lower-cased, values as botocore joins them); {@code nested} holds the
     * blocks of keys with indented sub-keys ({@code s3 =\n  endpoint_url = x}), which belong to that key only.
     */
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

    public static IniFile empty(Path path) {
        return new IniFile(path, Map.of(), null);
    }

    public Section section(String name) {
        return sections.get(name);
    }

    /** Reads {@code path}; a missing file reads as empty, anything unreadable is a one-line error. */
    public static IniFile read(Path path) throws ProfileException {
        try {
            if (Files.isDirectory(path)) {
                throw new ProfileException(
                        path + " is a folder, not a file: move it away or point " + envNameFor(path) + " at the file");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // A FIFO or device would block or fail the read: say what it is instead.
                throw new ProfileException(
                        path + " is not a regular file; point " + envNameFor(path) + " at your file");
            }
            return parseSettled(path);
        } catch (NoSuchFileException e) {
            return empty(path);
        } catch (AccessDeniedException e) {
            throw new ProfileException("cannot read " + path + ": permission denied; fix it with: chmod u+r " + path);
        } catch (IOException e) {
            throw new ProfileException("cannot read " + path + ": " + describe(e) + "; check the file and try again");
        }
    }

    /**
     * The parse of the settled bytes. A refused file that ends in the middle of a line and was modified in the last
     * few seconds is read again for up to a second: the AWS CLI writes in buffered pieces, and one starved of CPU
     * can leave the last line cut for a moment. Any other refusal is at once.
     */
    private static IniFile parseSettled(Path path) throws IOException, ProfileException {
        long started = System.nanoTime();
        while (true) {
            byte[] bytes = readSettled(path);
            try {
                return parse(path, bytes);
            } catch (ProfileException e) {
                long modified = Files.getLastModifiedTime(path).toMillis();
                if (!HalfWritten.awaitRest(bytes, modified, started)) {
                    throw e;
                }
            }
        }
    }

    /**
     * The file's bytes once no writer is between truncating and writing it: the AWS CLI rewrites in place, so a read
     * can catch it empty or half-written. Changing content is read again a few times. An empty file modified just now
     * is looked at until it fills, for up to {@link HalfWritten#WAIT}, the same rule as the credentials write's (B9 in
     * docs/RELIABILITY.md); one nobody touched lately is empty for real and taken at once.
     */
    private static byte[] readSettled(Path path) throws IOException {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class);
            byte[] bytes = Files.readAllBytes(path);
            BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
            boolean settled = before.size() == after.size()
                    && bytes.length == after.size()
                    && before.lastModifiedTime().equals(after.lastModifiedTime());
            boolean emptiedJustNow = settled
                    && bytes.length == 0
                    && HalfWritten.justNow(after.lastModifiedTime().toMillis());
            if (settled && !emptiedJustNow) {
                return bytes;
            }
            if (emptiedJustNow ? HalfWritten.over(started) : attempt >= 5) {
                return bytes;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return bytes;
            }
        }
    }

    /** The file as the AWS CLI reads it, or a one-line error naming the line when the AWS CLI refuses it. */
    public static IniFile parse(Path path, byte[] bytes) throws ProfileException {
        IniLines lines = IniLines.parse(decode(path, bytes));
        if (lines.problem() != null) {
            // Never read around it: the AWS CLI fails on this file, so any session we wrote into it would not be used.
            throw new ProfileException(path + " line " + lines.problem().line() + ": "
                    + lines.problem().what()
                    + "; the AWS CLI refuses this file, so we do not use it: fix or remove it");
        }
        return new IniFile(path, lines.sections(), new Source(bytes, lines));
    }

    private static String decode(Path path, byte[] bytes) throws ProfileException {
        // The fast way first (no char[] copy of the file); only a U+FFFD in its result can mean bytes that are not
        // UTF-8 (or a U+FFFD written as valid UTF-8, which the strict decoder then accepts).
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            int bad = lenient.indexOf('\uFFFD');
            for (int i = 0; i < bad; i++) {
                if (lenient.charAt(i) == '\n') {
                    line++;
                }
            }
            throw new ProfileException(path + " line " + line + ": not valid UTF-8; the AWS CLI refuses this file: "
                    + "save the file as UTF-8");
        }
    }

    private static String envNameFor(Path path) {
        return path.getFileName() != null && path.getFileName().toString().contains("credentials")
                ? "AWS_SHARED_CREDENTIALS_FILE"
                : "AWS_CONFIG_FILE";
    }

    /** The OS's reason ("Not a directory", "Too many levels of symbolic links"), without Java's class names. */
    static String describe(IOException e) {
        String m = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
        return m == null ? "read error" : m;
    }
}
