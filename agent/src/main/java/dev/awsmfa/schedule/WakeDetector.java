package dev.awsmfa.schedule;

import java.time.Duration;

/**
 * Notices a suspend/resume, a frozen process or a wall-clock jump: the wall clock moved differently from
 * the monotonic clock between two heartbeats, or a heartbeat came far too late. The JVM's timed waits
 * stop during suspend, so the scheduler alone would fire late; the plan is recomputed instead.
 */
public final class WakeDetector {
    private final Duration tolerance;
    private long lastWallMillis = Long.MIN_VALUE;
    private long lastMonoNanos;

    public WakeDetector(Duration tolerance) {
        this.tolerance = tolerance;
    }

    /** @return true when the time since the last beat says the machine slept or the clock jumped */
    public synchronized boolean beat(long wallMillis, long monoNanos, Duration expectedInterval) {
        boolean jumped = false;
        if (lastWallMillis != Long.MIN_VALUE) {
            long wall = wallMillis - lastWallMillis;
            long mono = (monoNanos - lastMonoNanos) / 1_000_000;
            jumped = Math.abs(wall - mono) > tolerance.toMillis()
                    || mono > expectedInterval.toMillis() + tolerance.toMillis();
        }
        lastWallMillis = wallMillis;
        lastMonoNanos = monoNanos;
        return jumped;
    }
}
