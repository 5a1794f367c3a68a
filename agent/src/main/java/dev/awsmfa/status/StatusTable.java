package dev.awsmfa.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The profile table of {@code status}, as lines: by default it fits {@value #WIDTH} columns (long names are cut
 * with "…", the MFA device and STS endpoint left out, problem lines wrapped); the wide view shows every column
 * in full. Times are in one zone, named on each time as {@code renew} does.
 */
public final class StatusTable {
    public static final int WIDTH = 100;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz");
    /**
     * The columns' widths, the last column unpadded; a longer value pushes the rest right. Padded by hand, not
     * with {@code String.format}, whose format parser ran again for every row: about 4 ms of CPU per
     * {@code status} of 20 profiles, in a run of about 140.
     */
    private static final int[] NARROW = {22, 18, 20, 8};

    private static final int[] WIDE = {22, 18, 44, 20, 8, 15};

    private StatusTable() {}

    public static List<String> lines(List<ProfileStatus> all, Instant now, ZoneId zone, boolean wide) {
        List<String> lines = new ArrayList<>();
        lines.add(
                wide
                        ? row(WIDE, "PROFILE", "SOURCE", "MFA DEVICE", "EXPIRES", "LEFT", "STATE", "STS ENDPOINT")
                        : row(NARROW, "PROFILE", "SOURCE", "EXPIRES", "LEFT", "STATE"));
        for (ProfileStatus s : all) {
            String name = wide ? s.name() : cut(s.name(), 22);
            if (s.problem().isPresent()) {
                lines.add(
                        wide
                                ? row(WIDE, name, "-", "-", "-", "-", s.state().label, "")
                                : row(NARROW, name, "-", "-", "-", s.state().label));
                lines.addAll(
                        wide
                                ? List.of("  " + s.problem().get())
                                : wrap(s.problem().get(), "  "));
                continue;
            }
            var p = s.profile().orElseThrow();
            String expires = s.expiration().map(e -> time(e, zone)).orElse("-");
            String left = s.timeLeft(now).map(StatusTable::human).orElse("-");
            lines.add(
                    wide
                            ? row(
                                    WIDE,
                                    name,
                                    p.source(),
                                    p.mfaSerial(),
                                    expires,
                                    left,
                                    s.state().label,
                                    p.endpoint().toString())
                            : row(NARROW, name, cut(p.source(), 18), expires, left, s.state().label));
        }
        return lines;
    }

    /** A time as the table shows it: {@code 2026-12-06 09:30 CET}. */
    public static String time(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    /** The cells left-aligned in columns of {@code widths}, one space apart, without trailing blanks. */
    static String row(int[] widths, String... cells) {
        StringBuilder line = new StringBuilder(WIDTH);
        for (int i = 0; i < cells.length; i++) {
            String cell = String.valueOf(cells[i]); // as %s did: a missing value reads "null", not a crash
            if (i > 0) {
                line.append(' ');
            }
            line.append(cell);
            for (int pad = i < widths.length ? widths[i] - cell.length() : 0; pad > 0; pad--) {
                line.append(' ');
            }
        }
        return line.toString().stripTrailing();
    }

    /** {@code text} in lines of at most {@value #WIDTH} columns, each starting with {@code indent}; a longer word stays whole. */
    public static List<String> wrap(String text, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent + "  "); // continuation lines stand in a little further
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    public static String human(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "0m";
        }
        long minutes = left.toMinutes();
        return minutes >= 60 ? (minutes / 60) + "h " + (minutes % 60) + "m" : minutes + "m";
    }
}
