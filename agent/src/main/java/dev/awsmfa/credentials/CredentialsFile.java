package dev.awsmfa.credentials;

import dev.awsmfa.profile.HalfWritten;
import dev.awsmfa.profile.IniFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a session into the user's credentials file safely: under an advisory lock, re-read right before
 * writing, through a 0600 temp file in the same folder that is fsynced and atomically renamed over the
 * file (a symlink's target, never the link), then the folder fsynced. On any failure the file is as it was.
 */
public final class CredentialsFile {

    /** Kept here for tests that plant a stray temp file beside the credentials file. */
    static final String TEMP_SUFFIX = TempFiles.SUFFIX;

    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");
    private static final int ATTEMPTS = 5;
    /**
     * A file written this recently is being written by someone (a script running {@code aws configure set} a few
     * times takes 0.5-2 s per command): the write is then checked after the full settle pause.
     */
    static final Duration RECENT = Duration.ofSeconds(5);
    /** For {@link #check}: sizes as STS issues them (a session token is a few hundred to ~1,200 characters). */
    private static final SessionCredentials PLACEHOLDER =
            new SessionCredentials("ASIA" + "X".repeat(16), "x".repeat(40), "x".repeat(1200), Instant.EPOCH);

    private final Path path;
    private final Path lockDir;
    private final IniFile.Source known;

    /** Takes our write lock in the agent's state folder ({@link WriteLock}), never beside the file. */
    public CredentialsFile(Path path) {
        this(path, WriteLock.defaultDir());
    }

    public CredentialsFile(Path path, Path lockDir) {
        this(path, lockDir, null);
    }

    /**
     * {@code known}: the file as read before (the profiles' catalog read it), may be null. Its parse is used only for
     * exactly its bytes: every check and write still reads the file (under the lock for a write) and compares.
     */
    public CredentialsFile(Path path, Path lockDir, IniFile.Source known) {
        this.path = path;
        this.lockDir = lockDir;
        this.known = known;
    }

    /** The same file, with the bytes and parse a reader met before (see the constructor). */
    public CredentialsFile knowing(IniFile.Source known) {
        return new CredentialsFile(path, lockDir, known);
    }

    /**
     * What a write did, for the one line we print, and the file it replaced, still open: a writer that takes no
     * lock (the AWS CLI) and opened the file just before our rename writes into that replaced file.
     */
    public record WriteResult(
            Path target, boolean created, boolean tightened, ReplacedFile replaced, boolean othersWriting) {}

    private byte[] lastWritten;

    /** The bytes of our last write or rebase through this object; null before one. */
    byte[] lastWritten() {
        return lastWritten;
    }

    /**
     * Puts {@code edits} back after another writer wrote {@code late} into a file we had replaced, having read
     * {@code read} from it. When the file still holds what we last wrote, {@code late} is the other writer's
     * whole new content: the edits go onto it. When a writer changed the file since, the first writer's own
     * changes (its keys that differ from {@code read}) are carried onto the file as it is now, unless the later
     * writer changed the same key. The same safe write as {@link #write}.
     */
    public WriteResult rebase(byte[] read, byte[] late, List<Map.Entry<String, SessionCredentials>> edits)
            throws CredentialsFileException {
        return update(current -> LateWriteMerge.merge(path, current, lastWritten, read, late, edits));
    }

    public WriteResult write(String section, SessionCredentials creds) throws CredentialsFileException {
        return update(current -> CredentialsEditor.apply(current, known, section, creds));
    }

    /** The new content from the current bytes; may refuse them (long-term keys in a target section). */
    private interface Edit {
        byte[] apply(byte[] current) throws CredentialsFileException;
    }

    /**
     * The one way we change the file: under our write lock ({@link WriteLock}), the edit of the current bytes into a
     * 0600 temp file, fsync, a re-read (another writer changed it: start over), an atomic rename, the folder's
     * fsync. The replaced file stays open in the result, to catch a writer that wrote into it late.
     */
    private WriteResult update(Edit edit) throws CredentialsFileException {
        Path target = resolveTarget();
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        createFolder(dir, posix);
        refuseFolder(target);
        try (WriteLock lock = WriteLock.acquire(lockDir, target)) {
            TempFiles.removeStrays(dir, target);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Edited edited = editSettled(target, edit, likely());
                FileSnapshot before = edited.before();
                byte[] updated = edited.after();
                Path temp = TempFiles.write(dir, target, updated, posix);
                try {
                    // A writer that does not lock (the AWS CLI rewrites in place) may have changed the file since
                    // we read it: start over from its new content instead of overwriting that change.
                    if (!FileSnapshot.read(target, before.bytes()).sameAs(before)) {
                        continue;
                    }
                    FileChannel old = before.existed() ? FileChannel.open(target, StandardOpenOption.READ) : null;
                    try {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException e) {
                        if (old != null) {
                            old.close();
                        }
                        throw e;
                    }
                    temp = null;
                    syncFolder(dir);
                    lastWritten = updated;
                    // Signs of a writer that takes no lock: the file changed under us, or someone other than one of
                    // our writers (the lock file's mtime is that of our last write) wrote it just now.
                    boolean othersWriting = attempt > 0
                            || (before.existed()
                                    && System.currentTimeMillis() - before.modified() < RECENT.toMillis()
                                    && !before.stamp().equals(lock.recorded()));
                    FileTime written = FileSnapshot.stampOf(target);
                    if (written != null) {
                        lock.record(written);
                    }
                    return new WriteResult(
                            target,
                            !before.existed(),
                            posix && before.looser(),
                            new ReplacedFile(old, before.bytes()),
                            othersWriting);
                } finally {
                    if (temp != null) {
                        Files.deleteIfExists(temp);
                    }
                }
            }
            throw new CredentialsFileException(
                    target + " kept changing while we wrote it; close other programs " + "editing it and renew again");
        } catch (FileSystemException e) {
            throw new CredentialsFileException(failure(e, dir));
        } catch (IOException e) {
            throw new CredentialsFileException("cannot write " + target + ": " + reason(e) + "; the file is unchanged");
        }
    }

    /**
     * What {@link #write} would meet for {@code sections}, short of writing: the edit of the current bytes and,
     * when the folder exists, a temp file of the final size (placeholder credentials of a real session's size),
     * deleted at once. Run before a code is spent at STS, so that a file we cannot write (a read-only or full
     * folder, long-term keys in a section, a folder in its place) costs no code. Creates nothing, takes no lock:
     * the write itself still checks everything again.
     */
    public void check(List<String> sections) throws CredentialsFileException {
        Path target = resolveTarget();
        Path dir = target.toAbsolutePath().getParent();
        refuseFolder(target);
        try {
            // As in write: an empty or half-written file may be the AWS CLI in the middle of rewriting it.
            byte[] updated = editSettled(
                            target,
                            current -> {
                                byte[] edited = current;
                                for (String section : sections) {
                                    edited = CredentialsEditor.apply(edited, known, section, PLACEHOLDER);
                                }
                                return edited;
                            },
                            likely())
                    .after();
            if (Files.isDirectory(dir)) {
                boolean posix =
                        dir.getFileSystem().supportedFileAttributeViews().contains("posix");
                // deleteIfExists: a writer's start-up clean-up may have taken it already.
                Files.deleteIfExists(TempFiles.write(dir, target, updated, posix));
            }
        } catch (FileSystemException e) {
            throw new CredentialsFileException(failure(e, dir));
        } catch (IOException e) {
            throw new CredentialsFileException("cannot write " + target + ": " + reason(e) + "; the file is unchanged");
        }
    }

    private record Edited(FileSnapshot before, byte[] after) {}

    /** What the file most likely holds now: our last write, else what the catalog read. */
    private byte[] likely() {
        return lastWritten != null ? lastWritten : known == null ? null : known.bytes();
    }

    /**
     * The edit of the file as read settled. A refused file that ends in the middle of a line and was modified just
     * now is read again until the edit takes it or {@link HalfWritten#WAIT} has passed: the AWS CLI writes in
     * buffered pieces, and one starved of CPU can leave the last line cut for a moment (B10 in
     * docs/RELIABILITY.md). Any other refusal is at once.
     */
    private static Edited editSettled(Path target, Edit edit, byte[] likely)
            throws IOException, CredentialsFileException {
        long started = System.nanoTime();
        while (true) {
            FileSnapshot read = FileSnapshot.readSettled(target, likely);
            try {
                return new Edited(read, edit.apply(read.bytes()));
            } catch (CredentialsFileException e) {
                if (!read.existed() || !HalfWritten.awaitRest(read.bytes(), read.modified(), started)) {
                    throw e;
                }
            }
        }
    }

    private static void refuseFolder(Path target) throws CredentialsFileException {
        if (Files.isDirectory(target)) {
            throw new CredentialsFileException(target + " is a folder, not a file: move it away, or point "
                    + "AWS_SHARED_CREDENTIALS_FILE at your credentials file");
        }
    }

    /** The file's real location: a symlinked credentials file is written at its target, keeping the link. */
    public Path resolveTarget() throws CredentialsFileException {
        Path current = path.toAbsolutePath();
        for (int hops = 0; hops < 40; hops++) {
            if (!Files.isSymbolicLink(current)) {
                return current;
            }
            try {
                current = current.getParent()
                        .resolve(Files.readSymbolicLink(current))
                        .normalize();
            } catch (IOException e) {
                throw new CredentialsFileException("cannot follow the symlink " + current + ": " + reason(e));
            }
        }
        throw new CredentialsFileException(path + " is a symlink loop; point it at your real credentials file");
    }

    private static void createFolder(Path dir, boolean posix) throws CredentialsFileException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            // Only the folders we create get 0700; existing ones are the user's business.
            Files.createDirectories(
                    dir,
                    posix
                            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RWX)}
                            : new FileAttribute<?>[0]);
        } catch (IOException e) {
            throw new CredentialsFileException("cannot create the folder " + dir + ": " + reason(e)
                    + "; create it yourself (mkdir -m 700 " + dir + ")");
        }
    }

    /** At the agent's start: removes temp files a killed writer left, under the lock. */
    public void removeStrayTemps() throws CredentialsFileException {
        Path target = resolveTarget();
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (WriteLock lock = WriteLock.acquire(lockDir, target)) {
            TempFiles.removeStrays(dir, target);
        } catch (IOException e) {
            throw new CredentialsFileException("cannot clean up temp files in " + dir + ": " + reason(e));
        }
    }

    private static void syncFolder(Path dir) {
        // Makes the rename durable; not every OS lets a folder be opened (Windows), and that is fine there.
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException ignored) {
            // the rename itself has happened; only its durability across a power cut is weaker
        }
    }

    private static String failure(FileSystemException e, Path dir) {
        String file = e.getFile() == null ? dir.toString() : e.getFile();
        if (e instanceof AccessDeniedException) {
            return "cannot write in " + dir + ": permission denied; make it writable (chmod u+w " + dir
                    + ") and renew again; the credentials file is unchanged";
        }
        if (e instanceof NoSuchFileException) {
            return "cannot write " + file + ": it vanished while writing; renew again";
        }
        return "cannot write " + file + ": " + reason(e) + "; the credentials file is unchanged";
    }

    private static String reason(IOException e) {
        String m = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The file's bytes and identity at one moment, to notice a change by a writer that takes no lock. */
}
