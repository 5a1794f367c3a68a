package dev.awsmfa.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;

/** The file's bytes and identity at one moment, to notice a change by a writer that takes no lock. */
record FileSnapshot(boolean existed, byte[] bytes, Object fileKey, long modified, boolean looser) {

    static FileSnapshot read(Path target) throws IOException {
        try {
            BasicFileAttributes attrs =
                    Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            byte[] bytes = Files.readAllBytes(target);
            boolean looser = false;
            if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                looser = !TempFiles.OWNER_RW.containsAll(Files.getPosixFilePermissions(target));
            }
            return new FileSnapshot(
                    true, bytes, attrs.fileKey(), attrs.lastModifiedTime().toMillis(), looser);
        } catch (NoSuchFileException e) {
            return new FileSnapshot(false, new byte[0], null, 0, false);
        }
    }

    /**
     * Like {@link #read}, but an empty file is looked at again after a moment: it may be the AWS CLI between
     * truncating and writing it.
     */
    static FileSnapshot readSettled(Path target) throws IOException {
        FileSnapshot s = read(target);
        if (s.existed && s.bytes.length == 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s = read(target);
        }
        return s;
    }

    boolean sameAs(FileSnapshot other) {
        return existed == other.existed
                && modified == other.modified
                && Objects.equals(fileKey, other.fileKey)
                && Arrays.equals(bytes, other.bytes);
    }
}
