package dev.awsmfa.credentials;

import dev.awsmfa.profile.HalfWritten;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Objects;

/** The file's bytes and identity at one moment, to notice a change by a writer that takes no lock. */
record FileSnapshot(boolean existed, byte[] bytes, Object fileKey, FileTime stamp, boolean looser) {

    /** {@code likely}: the bytes the file most likely holds, returned themselves when it does ({@link FileBytes}). */
    static FileSnapshot read(Path target, byte[] likely) throws IOException {
        try {
            BasicFileAttributes attrs =
                    Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            byte[] bytes = FileBytes.read(target, likely);
            boolean looser = false;
            if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                looser = !TempFiles.OWNER_RW.containsAll(Files.getPosixFilePermissions(target));
            }
            return new FileSnapshot(true, bytes, attrs.fileKey(), attrs.lastModifiedTime(), looser);
        } catch (NoSuchFileException e) {
            return new FileSnapshot(false, new byte[0], null, FileTime.fromMillis(0), false);
        }
    }

    /**
     * Like {@link #read}, but an empty file is looked at again after a moment: it may be the AWS CLI between
     * truncating and writing it. One truncated in the last few seconds is looked at until it fills, for up to
     * {@link HalfWritten#WAIT}: a CLI starved of CPU can sit that long between the two (an empty file taken as the
     * content would drop every section but ours).
     */
    static FileSnapshot readSettled(Path target, byte[] likely) throws IOException {
        FileSnapshot s = read(target, likely);
        long started = System.nanoTime();
        for (int look = 0; s.existed && s.bytes.length == 0; look++) {
            if (look > 0 && (!HalfWritten.justNow(s.modified()) || HalfWritten.over(started))) {
                break;
            }
            try {
                Thread.sleep(look == 0 ? 50 : 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            s = read(target, likely);
        }
        return s;
    }

    /** The modification time in milliseconds. */
    long modified() {
        return stamp.toMillis();
    }

    /** The modification time of the file at {@code target} now; null when it cannot be read. */
    static FileTime stampOf(Path target) {
        try {
            return Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    boolean sameAs(FileSnapshot other) {
        return existed == other.existed
                && stamp.toMillis() == other.stamp.toMillis()
                && Objects.equals(fileKey, other.fileKey)
                && Arrays.equals(bytes, other.bytes);
    }
}
