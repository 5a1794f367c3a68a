package dev.awsmfa.tray;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the menu and tooltip write durations, clock times and reasons, in one place so both read alike. */
final class TrayText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    private TrayText() {}

    /** "3 h 12 m", "3 h", "8 m", "< 1 m"; rounded down, negative counts as zero. */
    static String left(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 1) {
            return "< 1 m";
        }
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return m + " m";
        }
        return m == 0 ? h + " h" : h + " h " + m + " m";
    }

    /** "14:32" today (in {@code zone}), "Tue 14:32" on another day. */
    static String clock(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        return t.toLocalDate().equals(today) ? TIME.format(t) : DAY_TIME.format(t);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A reason on one line: a multi-line error would break the menu row. */
    static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
