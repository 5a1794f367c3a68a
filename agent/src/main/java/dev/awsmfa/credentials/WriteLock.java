package dev.awsmfa.credentials;

import dev.awsmfa.platform.AppDirs;
import dev.awsmfa.platform.Os;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock our writers hold while they change one credentials file. Nothing is left beside the user's files:
 * the lock file lives in our own state folder ({@code ~/.local/state/aws-mfa-agent/locks}, or
 * {@code %LOCALAPPDATA%\aws-mfa-agent\locks}), named by a hash of the credentials file's real path (symlinks
 * and a symlinked folder resolved). Every process of ours that writes the same file computes the same name and
 * so locks the same file: an OS file lock, which the OS drops when a process dies; a ReentrantLock orders the
 * threads of one process (OS file locks are per process). Writers that take no lock (the AWS CLI) are handled
 * by the re-read before the rename, not by this lock.
 */
final class WriteLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    /** How far back {@link #record} sets the lock file's mtime from the write it records. */
    private static final Duration RECORD_OFFSET = Duration.ofDays(1000);

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private WriteLock(ReentrantLock local, FileChannel channel, FileLock lock, Path file) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    /** Our state folder's lock folder for this user (AppDirs: the same place the agent keeps its log and lock). */
    static Path defaultDir(Os os, Map<String, String> env, Path home) {
        return AppDirs.of(os, env, home).state().resolve("locks");
    }

    static Path defaultDir() {
        Map<String, String> env = System.getenv();
        String home = env.getOrDefault("HOME", env.get("USERPROFILE"));
        return defaultDir(
                Os.current(), env, Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home));
    }

    /** Waits for the lock of {@code target} (an absolute path whose folder exists). */
    static WriteLock acquire(Path lockDir, Path target) throws CredentialsFileException {
        Path key = realPath(target);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, p -> new ReentrantLock());
        local.lock();
        Path file = lockDir.resolve("credentials-" + hash(key) + ".lock");
        FileChannel channel = null;
        try {
            boolean posix =
                    lockDir.getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] dirMode = posix
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                    }
                    : new FileAttribute<?>[0];
            if (!Files.isDirectory(lockDir)) {
                Files.createDirectories(lockDir, dirMode);
            }
            // The mode applies only if this call creates the file, atomically: no window with the umask's mode.
            FileAttribute<?>[] mode = posix
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                    }
                    : new FileAttribute<?>[0];
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), mode);
            return new WriteLock(local, channel, channel.lock(), file);
        } catch (IOException e) {
            local.unlock();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was locked
                }
            }
            String m = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
            throw new CredentialsFileException("cannot take our write lock in " + lockDir + ": "
                    + (m == null ? e.getClass().getSimpleName() : m) + "; the credentials file is unchanged");
        }
    }

    /** The file's real location: its folder's real path (resolving a symlinked folder) and its name. */
    private static Path realPath(Path target) {
        try {
            return target.getParent().toRealPath().resolve(target.getFileName());
        } catch (IOException e) {
            return target.toAbsolutePath().normalize();
        }
    }

    private static String hash(Path key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * The modification time of our writers' last write, as {@link #record} left it (the lock file stays empty: its
     * own mtime carries it, set {@link #RECORD_OFFSET} back so that creating the lock file in the same clock tick as
     * another program's write cannot pass for a record), so that the next writer can tell our own recent write from
     * another program's.
     */
    FileTime recorded() {
        try {
            return FileTime.from(Files.getLastModifiedTime(file).toInstant().plus(RECORD_OFFSET));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Records {@code written}, the mtime of the file we just wrote; a failure only costs the next writer time. */
    void record(FileTime written) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(written.toInstant().minus(RECORD_OFFSET)));
        } catch (IOException e) {
            // the next writer takes our write for someone else's and looks after the full settle
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        } finally {
            local.unlock();
        }
    }
}
