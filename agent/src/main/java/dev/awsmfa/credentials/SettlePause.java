package dev.awsmfa.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How long to wait after our write before looking for a writer that takes no lock and clobbered it (the AWS CLI's
 * {@code configure set} reads the file, then truncates and rewrites it in place). Only a writer that read the file
 * before our rename and writes after it can drop our keys, so the wait must cover the time between its read and the
 * end of its write. Measured with strace on {@code /usr/bin/aws configure set} (AWS CLI 2.9.19, a 688 KB file, 2
 * cores): about 5 ms on a quiet machine, 15-40 ms at a load average of about 5 (2.5 per core), 14-78 ms at about
 * 8 (4 per core). So the wait someone sits through (the CLI) is 25 ms per unit of load per core, at least 25 ms and
 * at most the agent's fixed pause; without a load average (not Linux) it is that fixed pause.
 */
public final class SettlePause {
    /** The wait at a load of one runnable task per core or less: five times the window measured on a quiet machine. */
    static final Duration PER_LOAD = Duration.ofMillis(25);

    private SettlePause() {}

    /** The wait for {@code loadPerCore} (empty: unknown), never longer than {@code longest}. */
    public static Duration forLoad(OptionalDouble loadPerCore, Duration longest) {
        if (loadPerCore.isEmpty()) {
            return longest;
        }
        long millis = Math.round(PER_LOAD.toMillis() * Math.max(1.0, loadPerCore.getAsDouble()));
        return Duration.ofMillis(Math.min(millis, longest.toMillis()));
    }

    /**
     * The load per core from {@code /proc/loadavg}: the 1-minute average, or the tasks runnable right now (less
     * this one) when more: load that just began (a build starting) shows there long before in the average.
     * Empty where there is none.
     */
    public static OptionalDouble loadPerCore() {
        return loadPerCore(Path.of("/proc/loadavg"), Runtime.getRuntime().availableProcessors());
    }

    static OptionalDouble loadPerCore(Path loadavg, int cores) {
        try {
            String[] fields = Files.readString(loadavg).strip().split("\\s+");
            double load = Double.parseDouble(fields[0]);
            if (fields.length > 3 && fields[3].indexOf('/') > 0) {
                int runnable = Integer.parseInt(fields[3].substring(0, fields[3].indexOf('/')));
                load = Math.max(load, runnable - 1);
            }
            return OptionalDouble.of(load / Math.max(1, cores));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }
}
