package dev.awsmfa.autostart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The one file that holds our start-at-login entry (a .desktop or a .plist), read and written as UTF-8. */
record EntryFile(Path path) {

    Optional<String> read() throws AutoStartException {
        try {
            // Lenient decoding: a user's hand edit in another charset must not make the state unreadable.
            return Optional.of(new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AutoStartException("Could not read " + path + ": " + reason(e), e);
        }
    }

    /** Creates the folder when missing, and replaces the file in one step so a crash never leaves half an entry. */
    void write(String content) throws AutoStartException {
        try {
            Path folder = Files.createDirectories(path.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(folder, "." + path.getFileName(), ".tmp");
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new AutoStartException("Could not write " + path + ": " + reason(e), e);
        }
    }

    void delete() throws AutoStartException {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new AutoStartException("Could not delete " + path + ": " + reason(e), e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // FileSystemException's own message repeats the path; its reason (or its type) is the useful part.
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            return fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
        }
        return String.valueOf(e.getMessage());
    }
}
