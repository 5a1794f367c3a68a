package dev.awsmfa.tray;

/**
 * What the tray can ask the agent to do. The tray calls these on its own executor, never on dorkbox's
 * menu thread, so an implementation may block (prompt for a code, call STS).
 */
public interface TrayActions {
    /** Renew one profile now (prompting for a code if needed). */
    void renew(String profile);

    /** Renew every profile that is expiring, expired, never renewed or of unknown expiry. */
    void renewExpiringSoon();

    /** Renew the profile {@link TrayMenus#mostUrgent} picks (a click on the icon itself). */
    void renewMostUrgent();

    /** Re-read ~/.aws/config and ~/.aws/credentials and replan. */
    void reload();

    /** Open the credentials file in the user's editor or file viewer. */
    void openCredentials();

    /** Turn start at login on or off; the next model shows the resulting state. */
    void setStartAtLogin(boolean enabled);

    /** Close the tray and exit. */
    void quit();
}
