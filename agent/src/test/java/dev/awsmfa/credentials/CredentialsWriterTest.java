package dev.awsmfa.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profile.IniFile;
import dev.awsmfa.testing.IniOracles;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The look after our writes for a writer that takes no lock: when it comes, and that it repairs what it finds. */
class CredentialsWriterTest {

    static final SessionCredentials SESSION = CredentialsEditorTest.NEW;
    static final String ORIGINAL = "# theirs\n[base]\naws_access_key_id = AKIABASE\n";

    @TempDir
    Path home;

    Path file;

    CredentialsFile credentials() throws Exception {
        file = home.resolve("credentials");
        Files.writeString(file, ORIGINAL);
        return new CredentialsFile(file, home.resolve("locks"));
    }

    /** What `aws configure set` does with content it read before our write: truncate our file, write its own. */
    void rewriteInPlace(String stale) throws Exception {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap(stale.getBytes(StandardCharsets.UTF_8)));
        }
    }

    void untouchedFor(Duration d) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(d)));
    }

    @Test
    @DisplayName("a stale in-place rewrite before the first look: our keys are put back onto its content")
    void repairsAStaleRewrite() throws Exception {
        CredentialsFile credentials = credentials();
        untouchedFor(Duration.ofMinutes(1));
        String theirs = ORIGINAL + "\n[cli]\naws_access_key_id = AKIACLI\n";
        try (CredentialsWriter out =
                new CredentialsWriter(credentials, Duration.ofMillis(150), Duration.ofMillis(20))) {
            out.write("dev", SESSION);
            rewriteInPlace(theirs); // it read the file before our rename
            out.confirm();
        }
        Map<String, Map<String, String>> end = IniOracles.python(file);
        assertEquals("AKIACLI", end.get("cli").get("aws_access_key_id"));
        assertEquals(SESSION.sessionToken(), end.get("dev").get("aws_session_token"));
        assertTrue(Files.readString(file).startsWith(theirs), "their bytes as they wrote them");
    }

    @Test
    @DisplayName("the catalog's parse is used only for its own bytes: a file changed since is parsed again")
    void aParseOfOtherBytesIsNotUsed() throws Exception {
        credentials();
        IniFile.Source read = IniFile.parse(file, Files.readAllBytes(file)).source();
        String changed = ORIGINAL + "\n[cli]\naws_access_key_id = AKIACLI\n[dev]\nregion = x\n";
        Files.writeString(file, changed); // another writer, after the catalog read the file

        new CredentialsFile(file, home.resolve("locks"), read).write("dev", SESSION);

        byte[] expected = CredentialsEditor.apply(changed.getBytes(StandardCharsets.UTF_8), "dev", SESSION);
        assertEquals(new String(expected, StandardCharsets.UTF_8), Files.readString(file));
        assertEquals("AKIACLI", IniOracles.python(file).get("cli").get("aws_access_key_id"));
    }

    @Test
    @DisplayName("the catalog's parse of the same bytes gives the same edit as a parse of them")
    void aParseOfTheSameBytesGivesTheSameEdit() throws Exception {
        byte[] bytes = (ORIGINAL + "\n[dev]\naws_access_key_id = ASIAOLD\naws_session_token = old\n")
                .getBytes(StandardCharsets.UTF_8);
        IniFile.Source read = IniFile.parse(Path.of("credentials"), bytes).source();
        assertEquals(
                new String(CredentialsEditor.apply(bytes, "dev", SESSION), StandardCharsets.UTF_8),
                new String(CredentialsEditor.apply(bytes, read, "dev", SESSION), StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("the first look")
    class FirstLook {
        final Duration settle = Duration.ofMillis(600);
        final Duration quiet = Duration.ofMillis(10);

        /** The pauses one renewal's confirm takes after writing [dev]. */
        List<Duration> pausesOfARenewal(CredentialsFile credentials) throws Exception {
            try (CredentialsWriter out = new CredentialsWriter(credentials, settle, quiet)) {
                out.write("dev", SESSION);
                out.confirm();
                return out.pauses();
            }
        }

        @Test
        @DisplayName("comes after the quiet pause when the file was untouched for a while")
        void quietWhenNobodyWrites() throws Exception {
            CredentialsFile credentials = credentials();
            untouchedFor(Duration.ofMinutes(1));
            assertEquals(List.of(quiet), pausesOfARenewal(credentials));
        }

        @Test
        @DisplayName("comes after the quiet pause when the last write, just now, was one of ours")
        void quietAfterOurOwnWrite() throws Exception {
            CredentialsFile credentials = credentials();
            untouchedFor(Duration.ofMinutes(1));
            credentials.write("other", SESSION); // another renewal of ours, a moment ago (same lock folder)
            assertEquals(List.of(quiet), pausesOfARenewal(credentials));
        }

        @Test
        @DisplayName("waits the full settle when someone wrote the file just before, and then catches a late rewrite")
        void fullSettleWhenTheFileWasJustWritten() throws Exception {
            CredentialsFile credentials = credentials(); // written just now: a writer is at work
            String theirs = ORIGINAL + "\n[cli]\naws_access_key_id = AKIACLI\n";
            try (CredentialsWriter out = new CredentialsWriter(credentials, settle, quiet)) {
                out.write("dev", SESSION);
                // After the quiet pause, well before the full one: missed if the first look came after the quiet one.
                CompletableFuture<Void> late = CompletableFuture.runAsync(
                        () -> {
                            try {
                                rewriteInPlace(theirs);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS));
                out.confirm();
                late.get(10, TimeUnit.SECONDS);
                assertEquals(settle, out.pauses().get(0), "the first look waited the full settle");
            }
            Map<String, Map<String, String>> end = IniOracles.python(file);
            assertEquals("AKIACLI", end.get("cli").get("aws_access_key_id"));
            assertEquals(SESSION.sessionToken(), end.get("dev").get("aws_session_token"));
        }
    }

    @Nested
    @DisplayName("the quiet pause")
    class Quiet {
        final Duration longest = Duration.ofMillis(150);

        @Test
        @DisplayName("is 25 ms up to one runnable task per core, grows with the load, and stops at the full settle")
        void scalesWithTheLoad() {
            assertEquals(Duration.ofMillis(25), SettlePause.forLoad(OptionalDouble.of(0.3), longest));
            assertEquals(Duration.ofMillis(25), SettlePause.forLoad(OptionalDouble.of(1.0), longest));
            assertEquals(Duration.ofMillis(63), SettlePause.forLoad(OptionalDouble.of(2.5), longest));
            assertEquals(Duration.ofMillis(100), SettlePause.forLoad(OptionalDouble.of(4.0), longest));
            assertEquals(longest, SettlePause.forLoad(OptionalDouble.of(9.0), longest));
        }

        @Test
        @DisplayName("is the full settle where no load average can be read")
        void fullWithoutALoadAverage() {
            assertEquals(longest, SettlePause.forLoad(OptionalDouble.empty(), longest));
            assertEquals(OptionalDouble.empty(), SettlePause.loadPerCore(home.resolve("no-loadavg"), 2));
        }

        @Test
        @DisplayName("reads the 1-minute load average per core from /proc/loadavg's format")
        void readsLoadavg() throws Exception {
            Path loadavg = Files.writeString(home.resolve("loadavg"), "5.00 3.10 1.20 3/512 4242\n");
            assertEquals(OptionalDouble.of(2.5), SettlePause.loadPerCore(loadavg, 2));
        }

        @Test
        @DisplayName("counts load that just began: the tasks runnable now, less the reader, when more than the average")
        void countsLoadThatJustBegan() throws Exception {
            Path loadavg = Files.writeString(home.resolve("loadavg"), "0.50 0.40 0.30 7/512 4242\n");
            assertEquals(OptionalDouble.of(3.0), SettlePause.loadPerCore(loadavg, 2));
            Files.writeString(loadavg, "0.50 0.40 0.30 1/512 4242\n");
            assertEquals(OptionalDouble.of(0.25), SettlePause.loadPerCore(loadavg, 2));
        }
    }
}
