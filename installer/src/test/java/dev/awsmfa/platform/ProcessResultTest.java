package dev.awsmfa.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessResultTest {

    @Test
    @DisplayName("summarises a failure by the first non-blank line of stderr, never by stdout (it may be a code)")
    void errorLine() {
        assertEquals(
                "ERROR: Access is denied.",
                new ProcessResult(1, "out", "\r\n  ERROR: Access is denied.\r\nmore").errorLine());
        assertEquals("no error output", new ProcessResult(1, "123456\n", "").errorLine());
        assertEquals("no error output", new ProcessResult(1, "", " \n").errorLine());
        assertEquals("bad token ******", new ProcessResult(1, "", "bad token 246802").errorLine());
    }

    @Test
    @DisplayName("a helper's last error line: masked where it could be a code, cut when long")
    void lastErrorLine() {
        assertEquals(
                Optional.of("ERROR: No YubiKey"),
                new ProcessResult(1, "123456", "first\nERROR: No YubiKey\n\n").lastErrorLine());
        assertEquals(
                Optional.of("code ****** refused"), new ProcessResult(1, "", "code 1234567 refused").lastErrorLine());
        assertEquals(
                201,
                new ProcessResult(1, "", "x".repeat(500))
                        .lastErrorLine()
                        .orElseThrow()
                        .length());
        assertEquals(Optional.empty(), new ProcessResult(1, "", " \n").lastErrorLine());
    }

    @Test
    @DisplayName("finds the last non-blank line of stdout, and never shows stdout in toString")
    void stdout() {
        assertEquals("123456", new ProcessResult(0, "Touch\r\n 123456 \r\n\r\n", "").lastLine());
        assertEquals("", new ProcessResult(0, "", "").lastLine());
        assertFalse(new ProcessResult(0, "123456\n", "").toString().contains("123456"));
    }
}
