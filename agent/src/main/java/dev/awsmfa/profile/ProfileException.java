package dev.awsmfa.profile;

/** A profile or file problem, as one line that says what is wrong and how to fix it. */
public class ProfileException extends Exception {
    public ProfileException(String message) {
        super(message);
    }
}
