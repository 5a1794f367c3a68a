package dev.awsmfa.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profile.IniLines;
import dev.awsmfa.testing.IniOracles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialsEditorTest {

    static final SessionCredentials NEW = new SessionCredentials(
            "ASIANEWNEWNEWEXAMPLE",
            "newSecret/EXAMPLE+key",
            "FwoGZXIvYXdzENewTokenEXAMPLE==",
            Instant.parse("2030-01-02T03:04:05Z"));
    static final Set<String> OWNED = Set.of(
            "aws_access_key_id",
            "aws_secret_access_key",
            "aws_session_token",
            "aws_session_expiration",
            "expiration",
            "aws_security_token");

    static Stream<Path> corpus() throws IOException {
        Path dir = Path.of("src/test/resources/corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".ini")).sorted().toList();
        }
        assertTrue(files.size() >= 15, "the corpus has at least 15 files");
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("renewing [dev] changes only its owned keys; every other byte stays")
    void onlyOwnedKeysOfTheTargetChange(Path file, @TempDir Path tmp) throws Exception {
        byte[] before = Files.readAllBytes(file);
        if (file.getFileName().toString().contains("duplicate")) {
            // Python's RawConfigParser (strict, as botocore uses it) refuses duplicates: the AWS CLI cannot read
            // this file, so we do not write into it either.
            CredentialsFileException e =
                    assertThrows(CredentialsFileException.class, () -> CredentialsEditor.apply(before, "dev", NEW));
            assertTrue(e.getMessage().contains("the AWS CLI refuses this file"), e.getMessage());
            return;
        }
        byte[] after = CredentialsEditor.apply(before, "dev", NEW);

        String oldText = latin1(before);
        String newText = latin1(after);
        if (hasSection(oldText, "dev")) {
            String expected = withoutOwned(oldText);
            String actual = withoutOwned(newText);
            if (!oldText.isEmpty() && !oldText.endsWith("\n") && !oldText.endsWith("\r") && lastSectionIsDev(oldText)) {
                // The last line got the terminator our added lines need; nothing else may differ.
                assertEquals(
                        expected,
                        actual.substring(0, actual.length() - newline(oldText).length()));
            } else {
                assertEquals(expected, actual);
            }
        } else {
            assertTrue(newText.startsWith(oldText), "the old bytes stay a prefix when the section is appended");
            String nl = newline(oldText);
            String tail = newText.substring(oldText.length());
            String sep = (oldText.isEmpty() || oldText.endsWith("\n") || oldText.endsWith("\r") ? "" : nl)
                    + (oldText.replace("\u00EF\u00BB\u00BF", "").isBlank() ? "" : nl);
            assertEquals(
                    sep + "[dev]" + nl + "aws_access_key_id = ASIANEWNEWNEWEXAMPLE" + nl
                            + "aws_secret_access_key = newSecret/EXAMPLE+key" + nl
                            + "aws_session_token = FwoGZXIvYXdzENewTokenEXAMPLE==" + nl
                            + "aws_session_expiration = 2030-01-02T03:04:05Z" + nl,
                    tail);
        }

        Path written = tmp.resolve("credentials");
        Files.write(written, after);
        Path original = tmp.resolve("original");
        Files.write(original, before);
        Map<String, Map<String, String>> py = IniOracles.python(written);
        Map<String, String> dev = py.get("dev");
        assertEquals("ASIANEWNEWNEWEXAMPLE", dev.get("aws_access_key_id"));
        assertEquals("newSecret/EXAMPLE+key", dev.get("aws_secret_access_key"));
        assertEquals("FwoGZXIvYXdzENewTokenEXAMPLE==", dev.get("aws_session_token"));
        assertEquals("2030-01-02T03:04:05Z", dev.get("aws_session_expiration"));
        if (dev.containsKey("aws_security_token")) {
            // botocore reads aws_security_token before aws_session_token: a stale one would win.
            assertEquals("FwoGZXIvYXdzENewTokenEXAMPLE==", dev.get("aws_security_token"));
        }
        Map<String, Map<String, String>> pyBefore = IniOracles.python(original);
        for (String section : pyBefore.keySet()) {
            if (!section.equals("dev")) {
                assertEquals(pyBefore.get(section), py.get(section), "section " + section + " is unchanged");
            }
        }
        Optional<Map<String, String>> sdkBefore = IniOracles.sdk(original, "dev");
        if (sdkBefore.isPresent()) {
            Map<String, String> sdk = IniOracles.sdk(written, "dev").orElseThrow();
            assertEquals("ASIANEWNEWNEWEXAMPLE", sdk.get("aws_access_key_id"));
            assertEquals("newSecret/EXAMPLE+key", sdk.get("aws_secret_access_key"));
            assertEquals("FwoGZXIvYXdzENewTokenEXAMPLE==", sdk.get("aws_session_token"));
        }
    }

    @Test
    @DisplayName("a section that holds long-term keys is never overwritten")
    void refusesToOverwriteLongTermKeys() {
        byte[] file = "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n"
                .getBytes(StandardCharsets.UTF_8);
        CredentialsFileException e =
                assertThrows(CredentialsFileException.class, () -> CredentialsEditor.apply(file, "dev", NEW));
        assertTrue(e.getMessage().contains("[dev]") && e.getMessage().contains("long-term"), e.getMessage());
    }

    @Test
    @DisplayName("aws-mfa's expiration key is kept in step in its own format")
    void updatesAwsMfaExpiration() throws Exception {
        byte[] file =
                "[dev]\naws_session_token = t\nexpiration = 2020-01-01 00:00:00\n".getBytes(StandardCharsets.UTF_8);
        String out = new String(CredentialsEditor.apply(file, "dev", NEW), StandardCharsets.UTF_8);
        assertTrue(out.contains("expiration = 2030-01-02 03:04:05\n"), out);
    }

    @Test
    @DisplayName("(a) aws-mfa's aws_security_token is kept in step: botocore reads it before aws_session_token")
    void updatesAwsSecurityToken() throws Exception {
        byte[] file = "[dev]\naws_security_token = old\naws_session_token = old\n".getBytes(StandardCharsets.UTF_8);
        String out = new String(CredentialsEditor.apply(file, "dev", NEW), StandardCharsets.UTF_8);
        assertTrue(out.contains("aws_security_token = FwoGZXIvYXdzENewTokenEXAMPLE==\n"), out);
        assertTrue(out.contains("aws_session_token = FwoGZXIvYXdzENewTokenEXAMPLE==\n"), out);
        assertFalse(out.contains("old"), out);
    }

    @Test
    @DisplayName("keys we add go after the last key's continuation lines, which stay that key's")
    void addsAfterContinuationLines() throws Exception {
        byte[] file = "[dev]\naws_session_token = t\nnote = a\n  b\n".getBytes(StandardCharsets.UTF_8);
        String out = new String(CredentialsEditor.apply(file, "dev", NEW), StandardCharsets.UTF_8);
        assertTrue(
                out.startsWith("[dev]\naws_session_token = FwoGZXIvYXdzENewTokenEXAMPLE==\nnote = a\n  b\n"
                        + "aws_access_key_id = ASIANEWNEWNEWEXAMPLE\n"),
                out);
    }

    @Test
    @DisplayName("a second renewal gives the same bytes as renewing once: edits do not pile up")
    void renewingTwiceIsStable() throws Exception {
        byte[] file = Files.readAllBytes(Path.of("src/test/resources/corpus/02-comments.ini"));
        byte[] once = CredentialsEditor.apply(file, "dev", NEW);
        assertArrayEquals(once, CredentialsEditor.apply(once, "dev", NEW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("the result is parsed again only where the edit can break it: every result the AWS CLI reads")
    void everyResultParsesWithoutAProblem(Path file) throws Exception {
        byte[] before = Files.readAllBytes(file);
        String text = latin1(before).replace("\u00EF\u00BB\u00BF", "");
        List<String> targets = new ArrayList<>(List.of("dev", "brand-new"));
        for (String line : lines(text)) {
            String h = header(line);
            if (h != null && !h.equals("DEFAULT")) {
                targets.add(h);
            }
        }
        for (String target : targets) {
            byte[] after;
            try {
                after = CredentialsEditor.apply(before, target, NEW);
            } catch (CredentialsFileException e) {
                continue; // refused (long-term keys, a file the AWS CLI refuses): nothing written
            }
            String result = new String(after, StandardCharsets.UTF_8).replace("\uFEFF", "");
            assertEquals(null, IniLines.parse(result).problem(), file + ", [" + target + "]");
        }
    }

    @Test
    @DisplayName("a value with a line break that would break the file is refused, as is [DEFAULT]'s odd block")
    void refusesResultsTheAwsCliWouldRefuse() {
        byte[] file =
                "[dev]\naws_session_token = t\n\n[user]\naws_access_key_id = AKIA\n".getBytes(StandardCharsets.UTF_8);
        SessionCredentials odd =
                new SessionCredentials("ASIA", "s", "t\n[user]", Instant.parse("2030-01-02T03:04:05Z"));
        CredentialsFileException e =
                assertThrows(CredentialsFileException.class, () -> CredentialsEditor.apply(file, "dev", odd));
        assertTrue(e.getMessage().contains("refuses (line"), e.getMessage());

        byte[] onlyDefault = "[DEFAULT]\nnote =\n  not a key value line\n".getBytes(StandardCharsets.UTF_8);
        e = assertThrows(CredentialsFileException.class, () -> CredentialsEditor.apply(onlyDefault, "dev", NEW));
        assertTrue(e.getMessage().contains("refuses (line"), e.getMessage());
    }

    // --- an independent reading of the files, written for the test ---

    @Test
    @DisplayName("a file that is not UTF-8 (merged from another writer) keeps its bytes; our values go in as UTF-8")
    void notUtf8KeepsItsBytes() {
        byte[] before = "# caf\u00E9\n[dev]\n  aws_access_key_id = OLD\n[x]\nk = \u00E9\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] after = CredentialsEditor.setValues(before, "dev", Map.of("aws_access_key_id", "NEW", "note", "\u00E9"));
        assertEquals(
                "# caf\u00E9\n[dev]\n  aws_access_key_id = NEW\nnote = \u00C3\u00A9\n[x]\nk = \u00E9\n", latin1(after));
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String newline(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static String header(String line) {
        String t = line.replace("\u00EF\u00BB\u00BF", "").strip();
        if (t.startsWith("[") && t.contains("]")) {
            return t.substring(1, t.lastIndexOf(']'));
        }
        return null;
    }

    private static boolean hasSection(String text, String name) {
        return lines(text).stream().anyMatch(l -> name.equals(header(l)));
    }

    private static boolean lastSectionIsDev(String text) {
        String last = null;
        for (String l : lines(text)) {
            if (header(l) != null) {
                last = header(l);
            }
        }
        return "dev".equals(last);
    }

    /** The text without the owned key lines (and their continuations) of [dev]. */
    private static String withoutOwned(String text) {
        StringBuilder out = new StringBuilder();
        String section = null;
        boolean dropping = false;
        int keyIndent = 0;
        for (String line : lines(text)) {
            String h = header(line);
            String body = line.stripTrailing();
            int indent = body.length() - body.stripLeading().length();
            if (dropping && !body.isBlank() && indent > keyIndent) {
                continue;
            }
            dropping = false;
            if (h != null) {
                section = h;
            } else if ("dev".equals(section) && !body.isBlank()) {
                int sep = firstSeparator(body);
                if (sep > 0 && OWNED.contains(body.substring(0, sep).strip().toLowerCase(Locale.ROOT))) {
                    dropping = true;
                    keyIndent = indent;
                    continue;
                }
            }
            out.append(line);
        }
        return out.toString();
    }

    private static int firstSeparator(String s) {
        int eq = s.indexOf('=');
        int colon = s.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }
}
