package dev.awsmfa.profile;

/** The bounds GetSessionToken puts on a session's duration, checked alike for the config and the command line. */
public final class SessionDuration {

    public static final int DEFAULT = 43_200;
    public static final int MIN = 900;
    public static final int MAX = 129_600;

    private SessionDuration() {}

    public static int check(String profile, int seconds) throws ProfileException {
        if (seconds < MIN || seconds > MAX) {
            throw new ProfileException("duration " + seconds + " s for profile '" + profile + "' is out of range: "
                    + "GetSessionToken accepts " + MIN + " to " + MAX + " seconds (15 min to 36 h)");
        }
        return seconds;
    }

    /** duration_seconds as written in the config, or the default when it is not set. */
    static int parse(String name, String text) throws ProfileException {
        if (text == null) {
            return DEFAULT;
        }
        try {
            return check(name, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new ProfileException("duration_seconds = " + text + " for profile '" + name
                    + "' is not a whole number of seconds; use a value from 900 to 129600");
        }
    }
}
