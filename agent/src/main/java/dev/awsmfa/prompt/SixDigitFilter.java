package dev.awsmfa.prompt;

import javax.swing.text.AttributeSet;
import javax.swing.text.BadLocationException;
import javax.swing.text.DocumentFilter;

/**
 * Lets only digits into the code field, at most six: a pasted "123 456" (as authenticator apps show it)
 * becomes 123456, letters typed by mistake are dropped, and a seventh digit never overwrites the code.
 */
final class SixDigitFilter extends DocumentFilter {
    static final int LENGTH = 6;

    @Override
    public void insertString(FilterBypass fb, int offset, String text, AttributeSet attrs) throws BadLocationException {
        replace(fb, offset, 0, text, attrs);
    }

    @Override
    public void replace(FilterBypass fb, int offset, int length, String text, AttributeSet attrs)
            throws BadLocationException {
        String digits = MfaCode.digitsOf(text);
        int room = LENGTH - (fb.getDocument().getLength() - length);
        fb.replace(offset, length, digits.substring(0, Math.max(0, Math.min(room, digits.length()))), attrs);
    }
}
