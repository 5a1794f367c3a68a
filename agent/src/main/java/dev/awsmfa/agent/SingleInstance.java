package dev.awsmfa.agent;

import dev.awsmfa.platform.AppDirs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** One agent per user: an OS file lock held for the agent's life; the file holds its pid for `status`. */
public final class SingleInstance implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SingleInstance(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another agent holds it. */
    public static Optional<SingleInstance> acquire(Path stateDir) throws IOException {
        AppDirs.ensurePrivate(stateDir);
        FileChannel channel = open(stateDir.resolve("agent.lock"));
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(
                ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return Optional.of(new SingleInstance(channel, lock));
    }

    /** The pid of the running agent, or empty when none runs. */
    public static Optional<Long> running(Path stateDir) {
        Path file = stateDir.resolve("agent.lock");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                probe = null; // held in this very JVM
            }
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return Optional.of(pid.isEmpty() ? -1L : Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static FileChannel open(Path file) throws IOException {
        FileAttribute<?>[] attrs =
                file.getFileSystem().supportedFileAttributeViews().contains("posix") && !Files.exists(file)
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0];
        return FileChannel.open(
                file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE), attrs);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
