package dev.awsmfa.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.CredentialsFileException;
import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What we read is what the AWS CLI reads: hundreds of config/credentials pairs, read by us and by the AWS CLI's
 * own botocore (one Python process for the batch), compared part by part; and after a write into the credentials
 * file, botocore reads our new keys in the target and exactly the old values elsewhere, and every byte outside
 * the target section is as it was. Replay a failure with {@code -Dbotocore.seed=<seed>}.
 */
class BotocoreDifferentialTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final int RANDOM_CASES = 240;

    @TempDir
    Path root;

    @Test
    @DisplayName("we read every file as botocore does, refuse what it refuses, and write only the target section")
    void weReadAndWriteAsBotocore() throws Exception {
        requireBotocore();
        long base = Long.getLong("botocore.seed", System.nanoTime());
        List<IniCases.Case> cases = new ArrayList<>(IniCases.handWritten());
        for (int i = 0; i < RANDOM_CASES; i++) {
            cases.add(IniCases.random(base + i));
        }
        Map<String, Written> writes = new HashMap<>();
        for (IniCases.Case c : cases) {
            Path folder = Files.createDirectories(root.resolve(c.name()));
            Files.write(folder.resolve("config"), c.config().getBytes(StandardCharsets.UTF_8));
            Files.write(folder.resolve("credentials"), c.credentials().getBytes(StandardCharsets.UTF_8));
            Written w = write(folder, c);
            if (w != null) {
                writes.put(c.name(), w);
            }
        }
        Map<String, Map<String, String>> botocore = botocore(root);
        int refused = 0;
        for (IniCases.Case c : cases) {
            Path folder = root.resolve(c.name());
            Map<String, String> theirs = botocore.get(c.name());
            try {
                String config = ours(folder.resolve("config"), false);
                String credentials = ours(folder.resolve("credentials"), false);
                same(c, "config", theirs.get("config"), config);
                same(c, "credentials", theirs.get("credentials"), credentials);
                same(c, "profiles", theirs.get("profiles"), ours(folder.resolve("config"), true));
                refused += config.equals("REFUSED") || credentials.equals("REFUSED") ? 1 : 0;
                Written w = writes.get(c.name());
                if (w != null) {
                    checkWrite(c, w, theirs.get("credentials"), theirs.get("after"));
                }
            } catch (AssertionError e) {
                fail(
                        "case " + c.name()
                                + (c.seed() < 0
                                        ? " (hand-written)"
                                        : " (seed " + c.seed() + ", replay with " + "-Dbotocore.seed=" + c.seed() + ")")
                                + "\n--- config ---\n" + show(c.config()) + "\n--- credentials ---\n"
                                + show(c.credentials()) + "\n" + e.getMessage(),
                        e);
            }
        }
        System.out.printf(
                "botocore differential: %d cases (%d hand-written, %d random from seed %d), %d refused by both, "
                        + "%d written%n",
                cases.size(), cases.size() - RANDOM_CASES, RANDOM_CASES, base, refused, writes.size());
        assertTrue(cases.size() >= 200 && writes.size() >= 100, "enough cases: " + cases.size() + ", " + writes.size());
    }

    /** A session written into a copy of the case's credentials, when we read that file. */
    record Written(String target, SessionCredentials creds, byte[] before, byte[] after) {}

    private static Written write(Path folder, IniCases.Case c) throws IOException {
        byte[] before = c.credentials().getBytes(StandardCharsets.UTF_8);
        IniFile read;
        try {
            read = IniFile.parse(folder.resolve("credentials"), before);
        } catch (ProfileException e) {
            return null;
        }
        Random r = new Random(c.seed() ^ 0x5EED);
        List<String> names = new ArrayList<>(read.sections().keySet());
        String target = names.isEmpty() || r.nextBoolean() ? "mfa-target" : names.get(r.nextInt(names.size()));
        Path after = folder.resolve("credentials.after");
        Files.write(after, before);
        SessionCredentials creds = new SessionCredentials(
                "ASIA" + Long.toHexString(r.nextLong()).toUpperCase(),
                "secret" + r.nextInt(1000),
                "token" + r.nextLong(),
                Instant.parse("2030-01-02T03:04:05Z"));
        try {
            new CredentialsFile(after).write(target, creds);
        } catch (CredentialsFileException e) {
            Files.delete(after); // long-term keys in the target: refused on purpose, nothing written
            return null;
        }
        return new Written(target, creds, before, Files.readAllBytes(after));
    }

    private void checkWrite(IniCases.Case c, Written w, String before, String after) throws Exception {
        assertTrue(!after.equals("REFUSED"), "botocore reads the file we wrote");
        Map<String, Object> expected = Json.object(before);
        Map<String, Object> actual = Json.object(after);
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) actual.remove(w.target());
        assertEquals(w.creds().accessKeyId(), target.get("aws_access_key_id"), "botocore reads our key");
        assertEquals(w.creds().secretAccessKey(), target.get("aws_secret_access_key"));
        assertEquals(w.creds().sessionToken(), target.get("aws_session_token"));
        if (target.containsKey("aws_security_token")) {
            // botocore reads it before aws_session_token: whether the section or [DEFAULT] had it, it must be ours
            assertEquals(w.creds().sessionToken(), target.get("aws_security_token"));
        }
        expected.remove(w.target());
        if (!expected.equals(actual)) {
            fail("every other section reads exactly as before: botocore read " + cut(Json.write(expected)) + " before, "
                    + cut(Json.write(actual)) + " after");
        }
        String outsideBefore = outside(w.before(), w.target());
        String outsideAfter = outside(w.after(), w.target());
        // A section we append may need a line end after the last line and a blank line before its header.
        if (!outsideAfter.startsWith(outsideBefore)
                || !outsideAfter.substring(outsideBefore.length()).matches("[\r\n]*")) {
            fail("every byte outside [" + w.target() + "] is unchanged: before\n" + show(outsideBefore) + "\nafter\n"
                    + show(outsideAfter));
        }
    }

    /** The lines outside {@code target}'s sections, with their line ends. */
    private static String outside(byte[] bytes, String target) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
        IniLines lines = IniLines.parse(text.substring(bom.length()));
        StringBuilder out = new StringBuilder(bom);
        for (IniLines.Line l : lines.lines()) {
            if (!target.equals(l.section())) {
                out.append(lines.text(), l.start(), l.next());
            }
        }
        return out.toString();
    }

    /** Our reading as botocore's JSON: the raw sections, or the profile facts a renewal uses. */
    private static String ours(Path file, boolean profiles) throws IOException {
        IniFile f;
        try {
            f = IniFile.parse(file, Files.readAllBytes(file));
        } catch (ProfileException e) {
            return "REFUSED";
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!profiles) {
            f.sections().forEach((name, s) -> {
                Map<String, Object> keys = new LinkedHashMap<>();
                s.values()
                        .forEach((k, v) -> keys.put(
                                k, s.nested().containsKey(k) ? s.nested().get(k) : v));
                out.put(name, keys);
            });
            return Json.write(out);
        }
        ProfileNames.profiles(f).forEach((name, s) -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("keys", List.copyOf(s.values().keySet()));
            for (String key : List.of("mfa_serial", "source_profile", "region", "endpoint_url")) {
                facts.put(key, s.nested().containsKey(key) ? null : s.values().get(key));
            }
            Map<String, String> sts = s.nested().get("sts");
            facts.put("sts_endpoint_url", sts == null ? null : sts.get("endpoint_url"));
            out.put(name, facts);
        });
        return Json.write(out);
    }

    private static void same(IniCases.Case c, String part, String theirs, String ours) {
        if (!theirs.equals(ours)) {
            fail(part + ": botocore and we read it differently: botocore " + cut(theirs) + ", we " + cut(ours));
        }
    }

    /** Long lines (a 5,000-character value) shortened, so that a failure stays readable. */
    private static String cut(String text) {
        return java.util.Arrays.stream(text.split("\n", -1))
                .map(l -> l.length() > 200 ? l.substring(0, 100) + "...(" + l.length() + " chars)" : l)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String show(String text) {
        return cut(text).replace("\r", "\\r").replace("\t", "\\t").replace("\uFEFF", "<BOM>");
    }

    private static Map<String, Map<String, String>> botocore(Path dir) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/botocore/read_cases.py").toAbsolutePath();
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("botocore reader failed, exit " + p.exitValue());
        }
        Map<String, Map<String, String>> parts = new HashMap<>();
        boolean ended = false;
        for (String line : new String(out, StandardCharsets.US_ASCII).split("\n")) {
            if (line.equals("END")) {
                ended = true;
                continue;
            }
            String[] f = line.split("\t", 3);
            parts.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], f[2]);
        }
        assertTrue(ended, "the botocore reader finished");
        return parts;
    }

    static void requireBotocore() throws Exception {
        RequiredTools.require(PYTHON, "python3");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "from awscli.botocore import configloader")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            RequiredTools.require(Path.of("/nonexistent/awscli-botocore"), "awscli (the AWS CLI v2's botocore)");
        }
    }
}
