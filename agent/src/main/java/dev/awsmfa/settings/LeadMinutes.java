package dev.awsmfa.settings;

import java.time.Duration;
import java.util.Optional;

/** How a lead time is written in every place we read one: a whole number of minutes, at least 1. */
public final class LeadMinutes {

    private LeadMinutes() {}

    /** The lead, or empty when {@code text} is not a whole number of minutes of at least 1. */
    public static Optional<Duration> parse(String text) {
        try {
            long minutes = Long.parseLong(text.strip());
            return minutes >= 1 && minutes <= Duration.ofDays(1).toMinutes()
                    ? Optional.of(Duration.ofMinutes(minutes))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Why {@code text} was refused, with the fix: said the same way for agent.properties and profiles. */
    public static String why(String text) {
        if (text.contains("#") || text.contains(";")) {
            return "not a whole number of minutes (a comment after a value is part of the value: "
                    + "put it on a line of its own)";
        }
        return "not a whole number of minutes from 1 to 1440 (write 15, not 15m)";
    }
}
