package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MfaCodeTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "123456",
                " 123456 ",
                "123 456",
                "123-456",
                "123\t456",
                "123\u00A0456",
                "123\u2009456",
                " 123 456\n"
            })
    @DisplayName("takes a code as authenticator apps show it: whole, or split in two halves by a space or a hyphen")
    void accepted(String typed) {
        assertEquals("123456", MfaCode.normalize(typed));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "12345",
                "1234567",
                "12 3456",
                "123  456",
                "123 - 456",
                "1-2-3-4-5-6",
                "abcdef",
                "123456a",
                "１２３４５６",
                "١٢٣٤٥٦"
            })
    @DisplayName("refuses anything else, so a mistyped code never reaches AWS")
    void refused(String typed) {
        assertNull(MfaCode.normalize(typed));
    }

    @Test
    @DisplayName("gives a field only the digits of what was typed or pasted")
    void digits() {
        assertEquals("123456", MfaCode.digitsOf("123 456"));
        assertEquals("12", MfaCode.digitsOf("a1-2"));
        assertEquals("", MfaCode.digitsOf(null));
    }
}
