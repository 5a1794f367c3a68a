package dev.awsmfa.prompt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TOTP code as AWS takes it: exactly six digits. Checked before STS, since each code works once.
 * The one place that turns what a person typed or pasted into a code: every prompt, {@code --code}, stdin
 * and the dialog's field go through here.
 */
public final class MfaCode {
    /**
     * Six digits, optionally split in two halves as authenticator apps show them: {@code 123 456} (a space,
     * tab, no-break or thin space) or {@code 123-456}.
     */
    private static final Pattern CODE = Pattern.compile("(\\d{3})[ \\t\\u00A0\\u2009\\u202F-]?(\\d{3})");

    private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");

    private MfaCode() {}

    /** The six digits, or null when it is not a code (blanks around it are ignored). */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = CODE.matcher(raw.strip());
        return m.matches() ? m.group(1) + m.group(2) : null;
    }

    /** Only the digits of a fragment typed or pasted into a code field, as the field takes them one by one. */
    public static String digitsOf(String typed) {
        return typed == null ? "" : NOT_DIGIT.matcher(typed).replaceAll("");
    }

    public static final String RULE = "an MFA code is exactly 6 digits (123456, 123 456 or 123-456)";
}
