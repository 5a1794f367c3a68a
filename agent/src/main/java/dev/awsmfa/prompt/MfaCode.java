package dev.awsmfa.prompt;

import java.util.regex.Pattern;

/** A TOTP code as AWS takes it: exactly six digits. Checked before STS, since each code works once. */
public final class MfaCode {
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private MfaCode() {}

    /** The code without surrounding blanks, or null when it is not six digits. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String code = raw.strip();
        return SIX_DIGITS.matcher(code).matches() ? code : null;
    }

    public static final String RULE = "an MFA code is exactly 6 digits";
}
