package dev.awsmfa.profile;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A file caught while a writer that takes no lock is rewriting it in place: the AWS CLI truncates it, then writes
 * in buffered pieces, and one starved of CPU can leave it empty or with its last line cut for hundreds of
 * milliseconds (B9, B10 in docs/RELIABILITY.md). Such a read is looked at again for a bounded time; one of a file
 * nobody touched just now is taken as it is.
 */
public final class HalfWritten {
    /** The longest wait for a writer to finish. */
    public static final Duration WAIT = Duration.ofSeconds(1);
    /** A file modified this recently may have a writer in the middle of it. */
    public static final Duration JUST_NOW = Duration.ofSeconds(5);

    private HalfWritten() {}

    /** Whether a file modified at {@code modifiedMillis} was modified within {@link #JUST_NOW}. */
    public static boolean justNow(long modifiedMillis) {
        return System.currentTimeMillis() - modifiedMillis < JUST_NOW.toMillis();
    }

    /** Whether the last line has no line end: a file cut by a writer between two pieces of its content. */
    public static boolean endsMidLine(byte[] bytes) {
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' && bytes[bytes.length - 1] != '\r';
    }

    /** Whether the wait begun at {@code startedNanos} ({@link System#nanoTime}) has lasted {@link #WAIT}. */
    public static boolean over(long startedNanos) {
        return System.nanoTime() - startedNanos > WAIT.toNanos();
    }

    /**
     * After {@code bytes}, read from a file modified at {@code modifiedMillis}, were refused: whether to read it
     * again, having waited 50 ms. Only while it ends mid-line, was modified just now, and the wait begun at {@code
     * startedNanos} is not {@link #over}; any other refusal stands at once. Callers take {@code startedNanos} from
     * {@link System#nanoTime} themselves, so that a read that needs no wait does not load this class.
     */
    public static boolean awaitRest(byte[] bytes, long modifiedMillis, long startedNanos)
            throws InterruptedIOException {
        if (!endsMidLine(bytes) || !justNow(modifiedMillis) || over(startedNanos)) {
            return false;
        }
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
