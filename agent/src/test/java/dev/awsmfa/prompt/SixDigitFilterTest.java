package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.swing.text.PlainDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SixDigitFilterTest {
    PlainDocument doc;

    @BeforeEach
    void filtered() {
        doc = new PlainDocument();
        doc.setDocumentFilter(new SixDigitFilter());
    }

    String text() throws Exception {
        return doc.getText(0, doc.getLength());
    }

    @Test
    @DisplayName("takes digits typed one by one")
    void typed() throws Exception {
        for (char c : "123456".toCharArray()) {
            doc.insertString(doc.getLength(), String.valueOf(c), null);
        }
        assertEquals("123456", text());
    }

    @Test
    @DisplayName("drops letters and blanks, so a pasted \"123 456\" becomes the code")
    void pasted() throws Exception {
        doc.insertString(0, "123 456", null);
        assertEquals("123456", text());
        filtered();
        doc.insertString(0, "1a2b3c", null);
        assertEquals("123", text());
    }

    @Test
    @DisplayName("stops at six digits, keeping the first ones")
    void sixAtMost() throws Exception {
        doc.insertString(0, "12345", null);
        doc.insertString(5, "6789", null);
        assertEquals("123456", text());
    }

    @Test
    @DisplayName("lets a selection be replaced by new digits")
    void replace() throws Exception {
        doc.insertString(0, "123456", null);
        doc.replace(0, 6, "654321", null);
        assertEquals("654321", text());
    }
}
