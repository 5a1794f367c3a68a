package dev.awsmfa.autostart;

/** The one checked failure of start at login; its message is a single line meant for the user. */
public final class AutoStartException extends Exception {

    private static final long serialVersionUID = 1L;

    public AutoStartException(String message) {
        super(message);
    }

    public AutoStartException(String message, Throwable cause) {
        super(message, cause);
    }

    static AutoStartException switchedOffByUser(String where) {
        return new AutoStartException(
                "Start at login was switched off by the user in " + where + "; pass --force to turn it back on");
    }
}
