package dev.awsmfa.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.IniOracles;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {

    static final SessionCredentials SESSION = CredentialsEditorTest.NEW;

    @TempDir
    Path home;

    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    @DisplayName("a late write into the replaced file and a later write to the file are both kept, with our keys")
    void rebaseKeepsBothOtherWriters() throws Exception {
        Path file = home.resolve("credentials");
        String original = "# theirs\n[base]\naws_access_key_id = AKIABASE\n";
        Files.writeString(file, original);
        CredentialsFile credentials = new CredentialsFile(file);
        credentials.write("dev", SESSION);
        // Writer 1 read the original and wrote its change into the file our write replaced; writer 2 then
        // changed the file as it is now.
        byte[] late = (original + "\n[cli1]\naws_access_key_id = AKIACLI1\n").getBytes(StandardCharsets.UTF_8);
        Files.writeString(file, Files.readString(file) + "\n[cli2]\naws_access_key_id = AKIACLI2\n");

        credentials.rebase(original.getBytes(StandardCharsets.UTF_8), late, List.of(Map.entry("dev", SESSION)));

        Map<String, Map<String, String>> merged = IniOracles.python(file);
        assertEquals("AKIACLI1", merged.get("cli1").get("aws_access_key_id"));
        assertEquals("AKIACLI2", merged.get("cli2").get("aws_access_key_id"));
        assertEquals(SESSION.accessKeyId(), merged.get("dev").get("aws_access_key_id"));
        assertTrue(Files.readString(file).startsWith("# theirs\n[base]\n"), "the first bytes as they were");
    }

    /**
     * B9: the AWS CLI truncates the file when it opens it and writes its content a moment later; starved of CPU it
     * can sit between the two for hundreds of milliseconds.
     */
    @Nested
    @DisplayName("a writer starved between its truncate and its write")
    class StarvedWriter {
        final byte[] content = "[base]\naws_access_key_id = AKIABASE\n".getBytes(StandardCharsets.UTF_8);

        /** Truncates {@code file} now (through {@code channel}) and writes {@code content} after {@code millis}. */
        Future<?> truncateThenWrite(FileChannel channel, long millis) throws Exception {
            channel.truncate(0);
            return pool.submit(() -> {
                Thread.sleep(millis);
                channel.write(ByteBuffer.wrap(content), 0);
                return null;
            });
        }

        @Test
        @DisplayName("a file emptied just now is read once the writer has filled it, not taken as empty")
        void readWaitsForTheFill() throws Exception {
            Path file = Files.write(home.resolve("credentials"), content);
            try (FileChannel cli = FileChannel.open(file, StandardOpenOption.WRITE)) {
                Future<?> writer = truncateThenWrite(cli, 400);
                assertArrayEquals(content, FileSnapshot.readSettled(file, null).bytes());
                writer.get();
            }
        }

        @Test
        @DisplayName("a file empty for a while is empty: read as such within a second")
        void anOldEmptyFileIsEmpty() throws Exception {
            Path file = Files.createFile(home.resolve("credentials"));
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
            long start = System.nanoTime();
            assertEquals(0, FileSnapshot.readSettled(file, null).bytes().length);
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "not the wait for a writer");
        }

        /** B10: the AWS CLI writes in buffered pieces; starved between two, it leaves the last line cut. */
        @Test
        @DisplayName("a file cut mid-line just now is written once the writer has finished it, not refused")
        void halfWrittenIsWaitedFor() throws Exception {
            byte[] whole = "[base]\naws_access_key_id = AKIABASE\n[other]\naws_access_key_id = AKIAOTHER\n"
                    .getBytes(StandardCharsets.UTF_8);
            int cut = new String(whole, StandardCharsets.UTF_8).indexOf("_key_id = AKIAOTHER");
            Path file = Files.write(home.resolve("credentials"), whole);
            try (FileChannel cli = FileChannel.open(file, StandardOpenOption.WRITE)) {
                cli.truncate(0);
                cli.write(ByteBuffer.wrap(whole, 0, cut), 0);
                Future<?> rest = pool.submit(() -> {
                    Thread.sleep(400);
                    cli.write(ByteBuffer.wrap(whole, cut, whole.length - cut), cut);
                    return null;
                });
                CredentialsFile credentials = new CredentialsFile(file, home.resolve("locks"));
                credentials.check(List.of("dev"));
                credentials.write("dev", SESSION);
                rest.get();
            }
            String after = Files.readString(file);
            assertTrue(after.startsWith(new String(whole, StandardCharsets.UTF_8)), "the writer's content whole");
            assertTrue(after.contains("[dev]\n"), "ours added");
        }

        @Test
        @DisplayName("a replaced file emptied and filled 600 ms later: the late write is that content")
        void lateWriteWaitsForTheFill() throws Exception {
            Path file = Files.write(home.resolve("credentials"), "[old]\n".getBytes(StandardCharsets.UTF_8));
            byte[] read = Files.readAllBytes(file);
            try (FileChannel cli = FileChannel.open(file, StandardOpenOption.WRITE);
                    ReplacedFile replaced = new ReplacedFile(FileChannel.open(file, StandardOpenOption.READ), read)) {
                Future<?> writer = truncateThenWrite(cli, 600);
                assertArrayEquals(content, replaced.lateWrite().orElseThrow());
                writer.get();
            }
        }

        @Test
        @DisplayName("a replaced file emptied and never written: no late write, after at most the bound")
        void anEmptiedFileIsNoLateWrite() throws Exception {
            Path file = Files.write(home.resolve("credentials"), content);
            try (FileChannel cli = FileChannel.open(file, StandardOpenOption.WRITE);
                    ReplacedFile replaced =
                            new ReplacedFile(FileChannel.open(file, StandardOpenOption.READ), content)) {
                cli.truncate(0);
                assertTrue(replaced.lateWrite().isEmpty());
            }
        }
    }

    @Nested
    @DisplayName("the check before a code is spent")
    class Check {
        @Test
        @DisplayName("passes on a writable file and leaves the folder exactly as it was")
        void passesAndChangesNothing() throws Exception {
            Path file = home.resolve("credentials");
            byte[] before = "[base]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n"
                    .getBytes(StandardCharsets.UTF_8);
            Files.write(file, before);
            new CredentialsFile(file).check(List.of("dev", "role"));
            assertArrayEquals(before, Files.readAllBytes(file));
            try (Stream<Path> s = Files.list(home)) {
                assertEquals(
                        List.of("credentials"),
                        s.map(p -> p.getFileName().toString()).toList());
            }
        }

        @Test
        @DisplayName("fails on long-term keys in a target section, as the write would")
        void failsLikeTheWrite() throws Exception {
            Path file = home.resolve("credentials");
            Files.writeString(file, "[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n");
            CredentialsFileException e =
                    assertThrows(CredentialsFileException.class, () -> new CredentialsFile(file).check(List.of("dev")));
            assertTrue(e.getMessage().contains("long-term keys"), e.getMessage());
        }

        @Test
        @DisplayName("a folder that does not exist yet is not created by the check")
        void createsNoFolder() throws Exception {
            new CredentialsFile(home.resolve("new/credentials")).check(List.of("dev"));
            assertFalse(Files.exists(home.resolve("new")));
        }
    }

    @Nested
    @DisplayName("modes")
    class Modes {
        @Test
        @DisplayName("a missing file is created 0600 inside a new 0700 folder")
        void createsPrivateFileAndFolder() throws Exception {
            Path file = home.resolve(".aws/credentials");
            CredentialsFile.WriteResult r = new CredentialsFile(file).write("dev", SESSION);
            assertTrue(r.created());
            assertEquals("rw-------", mode(file));
            assertEquals("rwx------", mode(file.getParent()));
            assertEquals(
                    "ASIANEWNEWNEWEXAMPLE", IniOracles.python(file).get("dev").get("aws_access_key_id"));
        }

        @Test
        @DisplayName("a file readable by others is tightened to 0600 and the caller is told")
        void tightensLooseFile() throws Exception {
            Path file = home.resolve("credentials");
            Files.writeString(file, "[other]\nregion = x\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            CredentialsFile.WriteResult r = new CredentialsFile(file).write("dev", SESSION);
            assertTrue(r.tightened());
            assertFalse(r.created());
            assertEquals("rw-------", mode(file));
        }

        @Test
        @DisplayName(
                "the lock is private, in our state folder, keyed by the real path; nothing is left beside the file")
        void lockIsPrivateAndNoTempRemains(@TempDir Path state) throws Exception {
            Path file = home.resolve("credentials");
            Path locks = state.resolve("locks");
            new CredentialsFile(file, locks).write("dev", SESSION);
            try (Stream<Path> s = Files.list(home)) {
                assertEquals(
                        List.of("credentials"),
                        s.map(p -> p.getFileName().toString()).sorted().toList());
            }
            List<Path> lockFiles;
            try (Stream<Path> s = Files.list(locks)) {
                lockFiles = s.toList();
            }
            assertEquals(1, lockFiles.size(), lockFiles.toString());
            assertTrue(lockFiles.get(0).getFileName().toString().matches("credentials-[0-9a-f]{32}\\.lock"));
            assertEquals("rw-------", mode(lockFiles.get(0)));
            assertEquals("rwx------", mode(locks));
            // The same file through a symlinked folder takes the same lock.
            Path link = Files.createSymbolicLink(state.resolve("link"), home);
            new CredentialsFile(link.resolve("credentials"), locks).write("dev", SESSION);
            try (Stream<Path> s = Files.list(locks)) {
                assertEquals(lockFiles, s.toList());
            }
        }
    }

    @Test
    @DisplayName("a symlinked credentials file is written at its target and the link stays a link")
    void followsSymlink() throws Exception {
        Path real = Files.createDirectories(home.resolve("dotfiles")).resolve("aws-credentials");
        Files.writeString(real, "# mine\n[other]\nregion = x\n");
        Path link = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        Files.createSymbolicLink(link, Path.of("../dotfiles/aws-credentials"));

        CredentialsFile.WriteResult r = new CredentialsFile(link).write("dev", SESSION);

        assertTrue(Files.isSymbolicLink(link));
        assertEquals(real.toRealPath(), r.target().toRealPath());
        assertTrue(Files.readString(real).startsWith("# mine\n[other]\nregion = x\n\n[dev]\n"));
    }

    @Test
    @DisplayName("a symlink loop is refused in one line, nothing is created")
    void refusesSymlinkLoop() throws Exception {
        Path a = home.resolve("a");
        Path b = home.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        CredentialsFileException e =
                assertThrows(CredentialsFileException.class, () -> new CredentialsFile(a).write("dev", SESSION));
        assertTrue(e.getMessage().contains("symlink loop"), e.getMessage());
    }

    @Test
    @DisplayName("a folder where the file should be is refused and left alone")
    void refusesFolder() throws Exception {
        Path dir = Files.createDirectories(home.resolve("credentials"));
        CredentialsFileException e =
                assertThrows(CredentialsFileException.class, () -> new CredentialsFile(dir).write("dev", SESSION));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    @DisplayName("long-term keys in the target section stop the write; the file is byte-identical")
    void keepsLongTermKeys() throws Exception {
        Path file = home.resolve("credentials");
        byte[] before = "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, before);
        assertThrows(CredentialsFileException.class, () -> new CredentialsFile(file).write("dev", SESSION));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    @DisplayName("temp files left by a killed writer are removed at the next write")
    void removesStrayTemps() throws Exception {
        Path file = home.resolve("credentials");
        Files.writeString(file, "[x]\nregion = y\n");
        Path stray = home.resolve(".credentials.0a1b2c3d4e5f" + CredentialsFile.TEMP_SUFFIX);
        Files.writeString(stray, "half");
        new CredentialsFile(file).write("dev", SESSION);
        assertFalse(Files.exists(stray));
    }

    @Test
    @DisplayName("many writers in one process: every profile's session is there at the end, each section once")
    void concurrentWritersLoseNothing() throws Exception {
        Path file = home.resolve("credentials");
        Files.writeString(file, "# keep me\n");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "p" + i;
            done.add(pool.submit(() -> new CredentialsFile(file)
                    .write(
                            name,
                            new SessionCredentials(
                                    "ASIA" + name,
                                    "secret-" + name,
                                    "token-" + name,
                                    Instant.parse("2030-01-01T00:00:00Z")))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        Map<String, Map<String, String>> all = IniOracles.python(file);
        for (int i = 0; i < 40; i++) {
            assertEquals("token-p" + i, all.get("p" + i).get("aws_session_token"));
        }
        String text = Files.readString(file);
        assertTrue(text.startsWith("# keep me\n"));
        assertEquals(40, text.split("\\[p\\d+\\]", -1).length - 1, "each section appears once");
    }
}
