package dev.awsmfa.credentials;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Optional;

/**
 * The file a write replaced (its old inode), still open, and the bytes we read from it: a writer that takes no
 * lock (the AWS CLI) and opened the file just before our rename writes into this file, not the new one.
 */
public final class ReplacedFile implements AutoCloseable {
    /** Looks 50 ms apart that an emptied file must stay empty before it counts as settled (one second). */
    private static final int EMPTY_LOOKS = 20;

    private final FileChannel channel;
    private final byte[] read;

    ReplacedFile(FileChannel channel, byte[] read) {
        this.channel = channel;
        this.read = read;
    }

    /** The bytes we read from the replaced file before replacing it. */
    public byte[] read() {
        return read.clone();
    }

    /** Whether we read exactly {@code bytes} from the replaced file. */
    boolean readWas(byte[] bytes) {
        return Arrays.equals(read, bytes);
    }

    /**
     * What another writer wrote into the replaced file after we read it, if anything. A writer rewrites in
     * place: it truncates, then writes in buffered pieces, so a change is read again until it holds still
     * (two reads 50 ms apart agree and the content ends a line, or a few reads agree); a half-written file
     * is never taken as the other writer's content. An emptied file is waited on for a second: a writer starved
     * of CPU between its truncate and its write would otherwise lose its write (B9 in docs/RELIABILITY.md).
     */
    public Optional<byte[]> lateWrite() {
        if (channel == null) {
            return Optional.empty();
        }
        try {
            byte[] now = readAll();
            int same = 0;
            for (int look = 0; look < 40 && !Arrays.equals(now, read); look++) {
                Thread.sleep(50);
                byte[] again = readAll();
                same = Arrays.equals(again, now) ? same + 1 : 0;
                now = again;
                boolean endsLine = now.length > 0 && now[now.length - 1] == '\n';
                // Empty is a writer between truncating and writing, unless it stays so for a second.
                boolean still = now.length == 0 ? same >= EMPTY_LOOKS : same >= 4 || (same >= 1 && endsLine);
                if (still) {
                    break;
                }
            }
            return Arrays.equals(now, read) || now.length == 0 ? Optional.empty() : Optional.of(now);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private byte[] readAll() throws IOException {
        return FileBytes.read(channel, read);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only handle: nothing to lose
            }
        }
    }
}
