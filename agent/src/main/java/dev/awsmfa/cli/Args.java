package dev.awsmfa.cli;

import dev.awsmfa.prompt.MfaCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One command's arguments, taken in the order the command asks for them; whatever is left is a usage error.
 * Options: {@code --name VALUE}, {@code --name=VALUE}, {@code -n VALUE}; flags: {@code --name}. A token is
 * echoed in an error only when it looks like a word: a stray MFA code or secret is never printed.
 */
final class Args {

    /** A command line that cannot be run: the message says what is wrong, never a value. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private final String command;
    private final List<String> rest;

    Args(String command, List<String> tokens) {
        this.command = command;
        this.rest = new ArrayList<>(tokens);
    }

    /** Whether -h or --help is among the arguments (then nothing else is checked). */
    boolean help() {
        return rest.contains("-h") || rest.contains("--help");
    }

    /** The value of an option given by any of {@code names}, removed from the arguments. */
    Optional<String> value(String... names) throws UsageException {
        String value = null;
        for (int i = 0; i < rest.size(); i++) {
            String token = rest.get(i);
            for (String name : names) {
                String found = null;
                if (token.equals(name)) {
                    if (i + 1 == rest.size()) {
                        throw new UsageException(names[names.length - 1] + " needs a value");
                    }
                    found = rest.remove(i + 1);
                } else if (token.startsWith(name + "=")) {
                    found = token.substring(name.length() + 1);
                }
                if (found != null) {
                    if (value != null) {
                        throw new UsageException(names[names.length - 1] + " is given twice");
                    }
                    value = found;
                    rest.remove(i--);
                    break;
                }
            }
        }
        return Optional.ofNullable(value);
    }

    /**
     * The value of an option that may also stand alone as the first plain argument ({@code renew dev} is
     * {@code renew -p dev}), removed from the arguments. A plain argument that looks like an MFA code is
     * refused without being echoed: it is a code typed in the wrong place, not a name.
     */
    Optional<String> valueOrPositional(String... names) throws UsageException {
        Optional<String> option = value(names);
        if (option.isPresent()) {
            return option; // a plain argument beside it is left for done() to refuse
        }
        Optional<String> plain = positional();
        if (plain.isPresent() && MfaCode.normalize(plain.get()) != null) {
            throw new UsageException("a code goes after --code, not as an argument of " + command);
        }
        return plain;
    }

    /**
     * A whole number given by the option {@code name}, within {@code min..max}: anything else is a usage
     * error, since the command line is the place to fix it (a value from a file is checked where it is read).
     */
    Optional<Integer> number(String name, int min, int max) throws UsageException {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String rule = name + " takes whole seconds, " + min + ".." + max;
        int n;
        try {
            n = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            String shown = quoted(text.get());
            throw new UsageException(rule + (shown.isEmpty() ? "" : ", not" + shown));
        }
        if (n < min || n > max) {
            throw new UsageException(rule + ", not " + n);
        }
        return Optional.of(n);
    }

    /** Whether the flag {@code name} is given, removed from the arguments. */
    boolean flag(String name) throws UsageException {
        boolean found = rest.remove(name);
        if (rest.contains(name)) {
            throw new UsageException(name + " is given twice");
        }
        for (String token : rest) {
            if (token.startsWith(name + "=")) {
                throw new UsageException(name + " takes no value");
            }
        }
        return found;
    }

    /** The first argument that is not an option, removed from the arguments. */
    Optional<String> positional() {
        for (int i = 0; i < rest.size(); i++) {
            if (!rest.get(i).startsWith("-")) {
                return Optional.of(rest.remove(i));
            }
        }
        return Optional.empty();
    }

    /** Fails on the first argument no one took. */
    void done() throws UsageException {
        if (rest.isEmpty()) {
            return;
        }
        String token = rest.get(0);
        if (token.startsWith("-")) {
            String name = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
            throw new UsageException("unknown option" + quoted(name) + " for " + command);
        }
        throw new UsageException("unexpected argument" + quoted(token) + " for " + command);
    }

    /** " 'token'" when it looks like a word or an option name, else nothing (it could be a code or a secret). */
    static String quoted(String token) {
        return token.matches("-{0,2}[A-Za-z][A-Za-z0-9_.-]{0,31}") ? " '" + token + "'" : "";
    }
}
