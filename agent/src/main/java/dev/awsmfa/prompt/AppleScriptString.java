package dev.awsmfa.prompt;

/** An AppleScript string literal: the text, quoted so that no character can end it or inject a command. */
public final class AppleScriptString {

    private AppleScriptString() {}

    public static String quote(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> literal.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
            }
        });
        return literal.append('"').toString();
    }
}
