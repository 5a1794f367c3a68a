package dev.awsmfa.credentials;

/** The credentials file could not be written; the file is unchanged. The message is one line with the fix. */
public class CredentialsFileException extends Exception {
    public CredentialsFileException(String message) {
        super(message);
    }
}
