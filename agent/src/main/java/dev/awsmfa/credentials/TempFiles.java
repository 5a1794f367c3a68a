package dev.awsmfa.credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/** The 0600 temp files beside the credentials file: written and fsynced before a rename, or left by a killed writer. */
final class TempFiles {
    static final String SUFFIX = ".aws-mfa-agent.tmp";
    static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

    private TempFiles() {}

    /** A new temp file for {@code target} in {@code dir} holding {@code bytes}, fsynced; deleted on failure. */
    static Path write(Path dir, Path target, byte[] bytes, boolean posix) throws IOException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        Path temp =
                dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(random) + SUFFIX);
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)}
                : new FileAttribute<?>[0];
        Files.createFile(temp, attrs);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** A temp file left by a killed writer is garbage: the caller holds the lock, so nobody is writing it. */
    static void removeStrays(Path dir, Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(SUFFIX);
        })) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
