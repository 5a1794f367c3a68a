package dev.awsmfa.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatcherTest {
    /** "Within seconds": a folder that appears is seen by its parent's event, or at the latest by the rescan. */
    static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path home;

    final AtomicInteger changes = new AtomicInteger();
    FileWatcher watcher;

    @AfterEach
    void close() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "not within " + WITHIN.toSeconds() + " s: " + what);
            Thread.sleep(20);
        }
    }

    /** Changes the file and waits for the callback that follows. */
    void changeUntilSeen(Path file, int before) throws Exception {
        Files.writeString(file, "[dev]\n# " + System.nanoTime() + "\n");
        waitUntil(() -> changes.get() > before, "a callback after writing " + file);
    }

    @Test
    @DisplayName("an edit of a watched file calls back once the burst is over")
    void edits() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Path credentials = aws.resolve("credentials");
        Files.writeString(credentials, "");
        watcher = new FileWatcher(List.of(aws.resolve("config"), credentials), 50, changes::incrementAndGet);
        assertFalse(watcher.rescanning(), "every folder exists: it waits for events only, no wake-ups while idle");
        changeUntilSeen(credentials, 0);
    }

    @Test
    @DisplayName("~/.aws removed and made again is followed, and the rescan stops once it is back")
    void folderRemovedAndMadeAgain() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Path credentials = Files.writeString(aws.resolve("credentials"), "[dev]\n");
        watcher = new FileWatcher(List.of(aws.resolve("config"), credentials), 50, changes::incrementAndGet);
        Files.delete(credentials);
        Files.delete(aws);
        waitUntil(() -> watcher.watchedFolders().equals(List.of(home)), "the parent is watched once ~/.aws is gone");
        assertTrue(watcher.rescanning());
        int seen = changes.get();
        Files.createDirectories(aws);
        changeUntilSeen(credentials, seen);
        waitUntil(() -> !watcher.rescanning(), "no rescan once ~/.aws is back");
    }

    @Test
    @DisplayName("~/.aws created after the start is followed: its files' creation and later edits call back")
    void folderCreatedLater() throws Exception {
        Path aws = home.resolve(".aws");
        watcher = new FileWatcher(
                List.of(aws.resolve("config"), aws.resolve("credentials")), 50, changes::incrementAndGet);
        assertEquals(List.of(home), watcher.watchedFolders(), "the nearest existing parent is watched");
        assertTrue(watcher.rescanning(), "a missing folder is looked for again every few seconds");
        Files.createDirectories(aws);
        Files.writeString(aws.resolve("credentials"), "[dev]\n");
        waitUntil(() -> changes.get() > 0, "a callback after ~/.aws and its credentials appeared");
        waitUntil(() -> watcher.watchedFolders().equals(List.of(aws)), "~/.aws itself is watched");
        int seen = changes.get();
        changeUntilSeen(aws.resolve("config"), seen);
    }

    @Test
    @DisplayName("the folder of AWS_SHARED_CREDENTIALS_FILE, several levels missing at start, is followed when made")
    void deepFolderCreatedLater() throws Exception {
        Path credentials = home.resolve("work/aws/profiles/credentials");
        Path config = Files.createDirectories(home.resolve(".aws")).resolve("config");
        watcher = new FileWatcher(List.of(config, credentials), 50, changes::incrementAndGet);
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, "[dev]\n");
        waitUntil(() -> changes.get() > 0, "a callback after " + credentials + " appeared");
        waitUntil(() -> watcher.watchedFolders().contains(credentials.getParent()), "its folder is watched");
        changeUntilSeen(credentials, changes.get());
    }

    @Test
    @DisplayName("a callback that throws is logged and watching goes on")
    void callbackFailure() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Path credentials = aws.resolve("credentials");
        watcher = new FileWatcher(List.of(credentials), 50, () -> {
            if (changes.incrementAndGet() == 1) {
                throw new IllegalStateException("a bug in the reaction");
            }
        });
        changeUntilSeen(credentials, 0);
        changeUntilSeen(credentials, 1);
    }
}
