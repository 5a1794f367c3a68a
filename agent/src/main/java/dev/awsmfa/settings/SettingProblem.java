package dev.awsmfa.settings;

/**
 * A setting we could not use, said in full: which key, the value as written, where it came from, why it is
 * not understood and what is used instead. Setting values are not secrets; a long one is cut for display.
 *
 * @param key         as the user spells it ({@code lead_minutes}, {@code AWS_MFA_AGENT_PROMPT}, ...)
 * @param value       as written, unchanged
 * @param source      where it was read ("agent.properties (/path)", "environment", "profile 'dev' in /path")
 * @param why         what is wrong with it, and how to write it instead
 * @param usedInstead what applies while it stays as it is
 */
public record SettingProblem(String key, String value, String source, String why, String usedInstead) {
    private static final int MAX_VALUE = 60;

    /** One line: {@code lead_minutes = '15m' (agent.properties (/p)): not a whole number of minutes; using 10 min}. */
    public String message() {
        String shown = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value;
        return key + " = '" + shown + "' (" + source + "): " + why + "; using " + usedInstead;
    }
}
