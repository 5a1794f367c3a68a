package dev.awsmfa.autostart;

/**
 * Start at login for the current user through one OS mechanism.
 *
 * <p>"Enabled" means the OS will really start the agent at the next login: an entry the user switched off
 * in the desktop's own settings counts as disabled, and is not switched back on silently.
 */
public interface AutoStart {

    /** Where the entry lives (a file path or a registry value), for messages. */
    String describe();

    boolean isEnabled() throws AutoStartException;

    /**
     * Writes (or rewrites) the entry for the current launch command.
     *
     * @param overrideUserSwitchOff also when the user switched the entry off in the OS settings; without
     *                              it that case throws an {@link AutoStartException} saying where and how
     */
    void enable(boolean overrideUserSwitchOff) throws AutoStartException;

    /** Removes our entry; nothing happens when there is none. */
    void disable() throws AutoStartException;
}
