package dev.awsmfa.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a file as the AWS CLI does: a writer caught half-way (B10 in docs/RELIABILITY.md), the lines an edit visits. */
class IniFileTest {
    @TempDir
    Path home;

    final byte[] whole =
            "[profile a]\nregion = eu-west-1\n[profile b]\nregion = us-east-1\n".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("a file cut mid-line just now is read once the writer has finished it, not refused")
    void halfWrittenIsWaitedFor() throws Exception {
        int cut = new String(whole, StandardCharsets.UTF_8).indexOf("ion = us-east-1");
        Path file = Files.write(home.resolve("config"), whole);
        try (FileChannel cli = FileChannel.open(file, StandardOpenOption.WRITE)) {
            cli.truncate(0);
            cli.write(ByteBuffer.wrap(whole, 0, cut), 0);
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(400);
                    cli.write(ByteBuffer.wrap(whole, cut, whole.length - cut), cut);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            IniFile read = IniFile.read(file);
            rest.join();
            assertNotNull(read.section("profile b"), "the whole file: " + read);
        }
    }

    @Test
    @DisplayName("a file emptied just now is read once the writer has filled it, not taken as empty (B9)")
    void emptiedJustNowIsWaitedFor() throws Exception {
        Path file = Files.write(home.resolve("config"), whole);
        try (FileChannel cli = FileChannel.open(file, StandardOpenOption.WRITE)) {
            cli.truncate(0);
            CompletableFuture<Void> fill = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(400);
                    cli.write(ByteBuffer.wrap(whole), 0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            IniFile read = IniFile.read(file);
            fill.join();
            assertNotNull(read.section("profile b"), "the whole file: " + read);
        }
    }

    @Test
    @DisplayName("a file empty for a while is empty: read as such, without the wait for a writer")
    void anOldEmptyFileIsEmpty() throws Exception {
        Path file = Files.write(home.resolve("config"), new byte[0]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        long start = System.nanoTime();
        assertEquals(0, IniFile.read(file).sections().size());
        assertTrue(System.nanoTime() - start < 500_000_000L, "no wait for a writer on an old file");
    }

    @Test
    @DisplayName("a file cut mid-line long ago is refused at once, naming the line")
    void anOldBadFileIsRefused() throws Exception {
        Path file = Files.write(home.resolve("config"), "[profile a]\nregion\n".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        long start = System.nanoTime();
        ProfileException e = assertThrows(ProfileException.class, () -> IniFile.read(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(System.nanoTime() - start < 500_000_000L, "no wait for a writer on an old file");
    }

    @Test
    @DisplayName("a bad file written just now whose lines all end is refused at once: no writer is half-way")
    void aWholeBadFileIsRefusedAtOnce() throws Exception {
        Path file = Files.write(home.resolve("config"), "[profile a]\nregion\n".getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        assertThrows(ProfileException.class, () -> IniFile.read(file));
        assertTrue(System.nanoTime() - start < 500_000_000L, "no wait for a writer");
    }

    @Test
    @DisplayName("an edit's lines: the section's and [DEFAULT]'s, header to next header; all of them for a bad file")
    void linesOfASection() {
        IniLines good = IniLines.parse("# c\n[a]\nk = 1\n\n[DEFAULT]\nd = 2\n[b]\nk = 3\n[c]\n");
        assertEquals(List.of("[1, 4)", "[4, 6)"), spans(good.linesOf("a")));
        assertEquals(List.of("[4, 6)", "[6, 8)"), spans(good.linesOf("b")));
        assertEquals(List.of("[4, 6)"), spans(good.linesOf("missing")));
        IniLines bad = IniLines.parse("[a]\nk = 1\n[a]\nk = 2\n");
        assertEquals(List.of("[0, 4)"), spans(bad.linesOf("a")));
    }

    private static List<String> spans(List<int[]> spans) {
        return spans.stream().map(s -> "[" + s[0] + ", " + s[1] + ")").toList();
    }

    @Test
    @DisplayName("keys and values shared within a parse are each their own: thousands of distinct ones, equal hashes")
    void sharedStringsKeepEveryValue() {
        // "Aa" and "BB" have the same String.hashCode; 3,000 distinct short values make the shared table grow.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("[s")
                    .append(i)
                    .append("]\nAa = v")
                    .append(i)
                    .append("\nBB = ")
                    .append(i % 2 == 0 ? "Aa" : "BB");
            text.append("\nlong = ").append("x".repeat(40)).append(i).append("\n");
        }
        IniLines lines = IniLines.parse(text.toString());
        assertEquals(null, lines.problem());
        for (int i = 0; i < 3000; i++) {
            var values = lines.sections().get("s" + i).values();
            assertEquals(List.of("aa", "bb", "long"), List.copyOf(values.keySet()));
            assertEquals("v" + i, values.get("aa"));
            assertEquals(i % 2 == 0 ? "Aa" : "BB", values.get("bb"));
            assertEquals("x".repeat(40) + i, values.get("long"));
        }
    }
}
