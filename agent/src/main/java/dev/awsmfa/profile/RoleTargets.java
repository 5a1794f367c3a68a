package dev.awsmfa.profile;

import static dev.awsmfa.profile.ConfigLookup.first;
import static dev.awsmfa.profile.ConfigLookup.get;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a role profile's ARN and duration before any call, so AWS's own refusal never reaches the user. */
final class RoleTargets {

    /** Our role key: the AWS CLI must not see role_arn, or it would assume the role (and prompt) itself. */
    static final String ROLE_ARN_KEY = "aws_mfa_agent_role_arn";
    /** aws-mfa's role key in a -long-term section. */
    static final String AWS_MFA_ROLE_KEY = "assume_role";

    static final String DEFAULT_ROLE_SESSION_NAME = "aws-mfa-agent";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    private RoleTargets() {}

    /** The role {@code arn} with the settings of {@code own}; {@code sessionProfile} when chained from a session. */
    static RoleTarget of(String name, IniFile.Section own, String arn, Optional<String> sessionProfile)
            throws ProfileException {
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw new ProfileException("profile '" + name + "': " + ROLE_ARN_KEY + " '" + arn
                    + "' is not a role ARN; write it like arn:aws:iam::123456789012:role/NAME");
        }
        String text = get(own, "duration_seconds");
        int duration = RoleTarget.DEFAULT_DURATION;
        if (text != null) {
            try {
                duration = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new ProfileException(
                        "duration_seconds = " + text + " for profile '" + name + "' is not a whole number of seconds");
            }
        }
        if (duration < SessionDuration.MIN) {
            throw new ProfileException("duration_seconds = " + duration + " for role profile '" + name
                    + "' is below the 900 s AWS accepts; use 900 to 3600");
        }
        if (sessionProfile.isPresent() && duration > RoleTarget.CHAINING_MAX) {
            throw new ProfileException("profile '" + name + "': duration_seconds = " + duration + " is more than the "
                    + "1 hour AWS allows for a role assumed from an MFA session (role chaining); use 3600 or less, or "
                    + "set source_profile to your long-term profile and mfa_serial for direct AssumeRole with MFA");
        }
        return new RoleTarget(
                arn,
                Optional.ofNullable(get(own, "external_id")),
                first(get(own, "role_session_name"), DEFAULT_ROLE_SESSION_NAME),
                duration,
                sessionProfile);
    }
}
