package dev.awsmfa.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A read compared with the bytes we expect gives the file's bytes exactly, and those bytes themselves when equal. */
class FileBytesTest {

    @TempDir
    Path dir;

    /** 300 KB: several pieces of 64 KB, so a difference can come in any of them. */
    static final byte[] LIKELY = new byte[300_000];

    static {
        new Random(15).nextBytes(LIKELY);
    }

    static Stream<Arguments> files() {
        byte[] changedFirst = LIKELY.clone();
        changedFirst[0] ^= 1;
        byte[] changedLate = LIKELY.clone();
        changedLate[250_001] ^= 1;
        byte[] changedLast = LIKELY.clone();
        changedLast[LIKELY.length - 1] ^= 1;
        byte[] longer = Arrays.copyOf(LIKELY, LIKELY.length + 1);
        byte[] muchLonger = Arrays.copyOf(LIKELY, LIKELY.length * 3);
        return Stream.of(
                Arguments.of("one byte changed at the start", changedFirst),
                Arguments.of("one byte changed in a later piece", changedLate),
                Arguments.of("the last byte changed", changedLast),
                Arguments.of("one byte longer", longer),
                Arguments.of("three times as long", muchLonger),
                Arguments.of("cut at a piece's end", Arrays.copyOf(LIKELY, 65_536)),
                Arguments.of("cut in the middle", Arrays.copyOf(LIKELY, 100_000)),
                Arguments.of("empty", new byte[0]),
                Arguments.of("unrelated", "[dev]\nregion = x\n".getBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void aDifferentFileIsReadAsItIs(String what, byte[] content) throws Exception {
        Path file = Files.write(dir.resolve("credentials"), content);
        byte[] read = FileBytes.read(file, LIKELY);
        assertArrayEquals(content, read);
        assertNotSame(LIKELY, read);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(7); // a channel's position does not matter: the file is read from its start
            assertArrayEquals(content, FileBytes.read(channel, LIKELY));
        }
    }

    @Test
    void theSameFileGivesTheBytesWeHad() throws Exception {
        Path file = Files.write(dir.resolve("credentials"), LIKELY);
        assertSame(LIKELY, FileBytes.read(file, LIKELY));
        byte[] empty = new byte[0];
        assertSame(empty, FileBytes.read(Files.write(dir.resolve("empty"), empty), empty));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void withNothingExpectedItIsAPlainRead(String what, byte[] content) throws Exception {
        assertArrayEquals(content, FileBytes.read(Files.write(dir.resolve("credentials"), content), null));
    }

    @Test
    void anyFileAgainstAnyExpectationReadsAsAPlainRead() throws Exception {
        Random random = new Random(1500);
        Path file = dir.resolve("credentials");
        for (int round = 0; round < 300; round++) {
            byte[] likely = new byte[random.nextInt(200_000)];
            random.nextBytes(likely);
            byte[] content = switch (random.nextInt(4)) {
                case 0 -> likely.clone();
                case 1 -> Arrays.copyOf(likely, random.nextInt(likely.length + 1));
                case 2 -> Arrays.copyOf(likely, likely.length + 1 + random.nextInt(100_000));
                default -> {
                    byte[] changed = likely.clone();
                    if (changed.length > 0) {
                        changed[random.nextInt(changed.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    yield changed;
                }
            };
            Files.write(file, content);
            byte[] read = FileBytes.read(file, likely);
            assertArrayEquals(Files.readAllBytes(file), read, "round " + round);
            if (Arrays.equals(content, likely)) {
                assertSame(likely, read, "round " + round);
            }
        }
    }
}
