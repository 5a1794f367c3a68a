package dev.awsmfa.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * The agent's log: one file rotated by size, every file created 0600. (JUL's FileHandler creates files
 * with the process umask, usually world-readable.) Messages never hold secrets by construction.
 */
final class PrivateLogHandler extends StreamHandler {
    private final Path file;
    private final long limit;
    private final int keep;
    private long written;

    PrivateLogHandler(Path file, long limit, int keep) throws IOException {
        this.file = file;
        this.limit = limit;
        this.keep = keep;
        setFormatter(new OneLine());
        open();
    }

    private void open() throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(file) && posix) {
            Files.createFile(file, new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            });
        }
        written = Files.exists(file) ? Files.size(file) : 0;
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        setOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        });
    }

    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
        if (written > limit) {
            rotate();
        }
    }

    private void rotate() {
        try {
            close();
            for (int i = keep - 1; i >= 1; i--) {
                Path from = file.resolveSibling(file.getFileName() + "." + i);
                if (Files.exists(from)) {
                    Files.move(
                            from,
                            file.resolveSibling(file.getFileName() + "." + (i + 1)),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            open();
        } catch (IOException e) {
            reportError("log rotation failed", e, 0);
        }
    }

    /** "2026-11-30T06:11:00Z INFO agent: message" — one line per record, no stack traces (they may quote input). */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
            String shortName = logger.substring(logger.lastIndexOf('.') + 1);
            String thrown =
                    r.getThrown() == null ? "" : " [" + r.getThrown().getClass().getSimpleName() + "]";
            return Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel() + " " + shortName + ": " + formatMessage(r)
                    + thrown + System.lineSeparator();
        }
    }
}
