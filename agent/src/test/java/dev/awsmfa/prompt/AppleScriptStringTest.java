package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppleScriptStringTest {

    @Test
    @DisplayName("wraps text in double quotes")
    void plain() {
        assertEquals("\"hello\"", AppleScriptString.quote("hello"));
    }

    @Test
    @DisplayName("escapes double quotes and backslashes, the only characters that can end the literal")
    void quotesAndBackslashes() {
        assertEquals("\"say \\\"hi\\\" to C:\\\\temp\"", AppleScriptString.quote("say \"hi\" to C:\\temp"));
    }

    @Test
    @DisplayName("keeps apostrophes and non-ASCII text as they are")
    void apostrophesAndUnicode() {
        assertEquals("\"it's Zoë's ✓ 東京\"", AppleScriptString.quote("it's Zoë's ✓ 東京"));
    }

    @Test
    @DisplayName("writes line breaks and tabs as escapes and blanks other control characters")
    void controls() {
        assertEquals("\"a\\nb\\tc d\"", AppleScriptString.quote("a\nb\tc\u0007d"));
    }

    @Test
    @DisplayName("cannot be broken out of to run a command")
    void injection() {
        String quoted = AppleScriptString.quote("\" & (do shell script \"rm -rf ~\") & \"");
        assertEquals("\"\\\" & (do shell script \\\"rm -rf ~\\\") & \\\"\"", quoted);
    }
}
