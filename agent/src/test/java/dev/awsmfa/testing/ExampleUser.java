package dev.awsmfa.testing;

/**
 * The IAM user most tests renew for: the example access key pair from the AWS documentation and an MFA device
 * of account 123456789012. Register it with {@code sts.addUser(KEY, SECRET, SERIAL)}.
 */
public final class ExampleUser {
    public static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String SERIAL = "arn:aws:iam::123456789012:mfa/jane";

    private ExampleUser() {}
}
