package dev.awsmfa.credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a file that most likely holds bytes we have already: a renewal reads the credentials file up to five times
 * (the check, the write, the look before the rename, the looks after it), and nearly always finds what it read or
 * wrote before. The file is compared with those bytes as it is read, in pieces, and when it matches they are returned
 * themselves: no array the size of the file each time, which a cold JVM pays for page by page (issue 15). Callers
 * never change the arrays they get.
 */
final class FileBytes {
    private static final int PIECE = 64 * 1024;

    private FileBytes() {}

    /** The bytes of the file at {@code path}: {@code likely} itself when equal (may be null: then a plain read). */
    static byte[] read(Path path, byte[] likely) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(channel, likely);
        }
    }

    /** The bytes of the file open as {@code channel}, from its start, whatever the channel's position. */
    static byte[] read(FileChannel channel, byte[] likely) throws IOException {
        ByteBuffer piece = ByteBuffer.allocate(likely == null ? 0 : Math.min(PIECE, likely.length + 1));
        long at = 0;
        while (piece.capacity() > 0) {
            piece.clear();
            int n = channel.read(piece, at);
            if (n < 0) {
                // Everything read so far matched: the file is likely or a prefix of it.
                return at == likely.length ? likely : Arrays.copyOf(likely, (int) at);
            }
            if (at + n > likely.length || !Arrays.equals(piece.array(), 0, n, likely, (int) at, (int) at + n)) {
                break;
            }
            at += n;
        }
        return rest(channel, likely, (int) at);
    }

    /** The file read whole, its first {@code matched} bytes known to equal {@code likely}'s. */
    private static byte[] rest(FileChannel channel, byte[] likely, int matched) throws IOException {
        byte[] all = new byte[(int) Math.max(channel.size(), matched)];
        if (matched > 0) {
            System.arraycopy(likely, 0, all, 0, matched);
        }
        int at = matched;
        while (true) {
            if (at == all.length) {
                ByteBuffer one = ByteBuffer.allocate(1);
                if (channel.read(one, at) < 0) {
                    return all;
                }
                all = Arrays.copyOf(all, Math.max(all.length * 2, 4096)); // it grew while we read
                all[at++] = one.get(0);
                continue;
            }
            int n = channel.read(ByteBuffer.wrap(all, at, all.length - at), at);
            if (n < 0) {
                return Arrays.copyOf(all, at); // it shrank while we read
            }
            at += n;
        }
    }
}
