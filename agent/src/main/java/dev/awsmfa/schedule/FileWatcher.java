package dev.awsmfa.schedule;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Calls back when the config or credentials file changes on disk (a renewal by the CLI, an edit by hand).
 * Watches the files' folders, since editors and atomic writers replace files rather than modify them.
 * Bursts of events are merged: one callback after the folder has been quiet for {@code quietMillis}.
 */
public final class FileWatcher implements AutoCloseable {
    private final WatchService service;
    private final Thread thread;

    public FileWatcher(Collection<Path> files, long quietMillis, Runnable onChange) throws IOException {
        service = FileSystems.getDefault().newWatchService();
        Set<Path> folders = new HashSet<>();
        Set<Path> names = new HashSet<>();
        for (Path f : files) {
            Path abs = f.toAbsolutePath();
            names.add(abs.getFileName());
            if (abs.getParent() != null && abs.getParent().toFile().isDirectory() && folders.add(abs.getParent())) {
                abs.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
        thread = new Thread(() -> loop(names, quietMillis, onChange), "file-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Set<Path> names, long quietMillis, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = drain(key, names);
                // Merge the burst a write makes (temp file, rename, lock) into one callback.
                WatchKey more;
                while ((more = service.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(more, names);
                }
                if (relevant) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    private static boolean drain(WatchKey key, Set<Path> names) {
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            Object ctx = event.context();
            relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW || (ctx instanceof Path p && names.contains(p));
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
