package dev.awsmfa.schedule;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when the config or credentials file changes on disk (a renewal by the CLI, an edit by hand).
 * Watches the files' folders, since editors and atomic writers replace files rather than modify them.
 * A folder that does not exist yet ({@code ~/.aws} before the first {@code aws configure}) is followed
 * through its nearest existing parent and watched from the moment it appears. Bursts of events are merged:
 * one callback after the folders have been quiet for {@code quietMillis}. A callback that throws is logged;
 * watching goes on.
 */
public final class FileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);
    /** How often folders that did not exist are looked for again, besides the events of their parents. */
    static final Duration RESCAN = Duration.ofSeconds(2);
    /** Whether a target folder is missing: only then is there a reason to look again without an event. */
    private volatile boolean missing;

    private final WatchService service;
    private final Map<Path, Set<Path>> namesByFolder = new HashMap<>();
    /** Registered folders: a target file's own folder, or an existing parent of a missing one. */
    private final Map<Path, WatchKey> keys = new HashMap<>();

    private final Thread thread;

    public FileWatcher(Collection<Path> files, long quietMillis, Runnable onChange) throws IOException {
        service = FileSystems.getDefault().newWatchService();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            if (abs.getParent() != null) {
                namesByFolder
                        .computeIfAbsent(abs.getParent(), k -> new HashSet<>())
                        .add(abs.getFileName());
            }
        }
        sync(); // what exists at start is watched, not reported as a change
        thread = new Thread(() -> loop(quietMillis, onChange), "file-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(long quietMillis, Runnable onChange) {
        try {
            while (true) {
                // While every folder exists, wait for events only: an idle agent must not wake every 2 s (it
                // cost 0.44 s of CPU per hour). A deleted folder's key is signalled, which wakes this up too.
                WatchKey key = missing ? service.poll(RESCAN.toMillis(), TimeUnit.MILLISECONDS) : service.take();
                boolean relevant = key != null && drain(key);
                relevant |= sync();
                if (!relevant) {
                    continue;
                }
                // Merge the burst a write makes (temp file, rename, lock) into one callback.
                WatchKey more;
                while ((more = service.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                sync();
                run(onChange);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    private static void run(Runnable onChange) {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.error(
                    "reacting to a file change failed ({}: {}); still watching",
                    e.getClass().getSimpleName(),
                    e.getMessage());
        }
    }

    /**
     * Watches each target folder that exists, else its nearest existing parent; drops keys that died.
     *
     * @return whether a target folder is watched that was not before (its files may have come with it)
     */
    private synchronized boolean sync() {
        keys.values().removeIf(k -> !k.isValid());
        boolean appeared = false;
        boolean anyMissing = false;
        Set<Path> wanted = new HashSet<>();
        for (Path folder : namesByFolder.keySet()) {
            Path existing = folder;
            while (existing != null && !Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            anyMissing |= existing == null || !existing.equals(folder);
            if (existing != null) {
                wanted.add(existing);
                boolean fresh = !keys.containsKey(existing) && register(existing);
                appeared |= fresh && existing.equals(folder);
            }
        }
        // A parent we followed while the folder was missing is not needed once the folder is watched.
        keys.entrySet().removeIf(e -> {
            boolean stale = !wanted.contains(e.getKey());
            if (stale) {
                e.getValue().cancel();
            }
            return stale;
        });
        missing = anyMissing;
        return appeared;
    }

    private boolean register(Path folder) {
        try {
            keys.put(
                    folder,
                    folder.register(
                            service,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE));
            return true;
        } catch (IOException e) {
            // gone again, or not readable: the next sync tries again
            LOG.debug("cannot watch {}: {}", folder, e.getMessage());
            return false;
        }
    }

    private boolean drain(WatchKey key) {
        Set<Path> names =
                key.watchable() instanceof Path folder ? namesByFolder.getOrDefault(folder, Set.of()) : Set.of();
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            Object ctx = event.context();
            relevant |=
                    event.kind() == StandardWatchEventKinds.OVERFLOW || (ctx instanceof Path p && names.contains(p));
        }
        key.reset();
        return relevant;
    }

    /** Whether the loop looks again every {@link #RESCAN} (a folder is missing) rather than only on events. */
    boolean rescanning() {
        return missing;
    }

    /** The folders watched now, for tests and logs. */
    synchronized List<Path> watchedFolders() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
