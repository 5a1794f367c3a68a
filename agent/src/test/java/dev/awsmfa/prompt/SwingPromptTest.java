package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What can be checked without a display; the dialog itself is driven for real in SwingPromptDesktopTest. */
class SwingPromptTest {

    @Test
    @DisplayName("refuses to block the event dispatch thread")
    void notOnEdt() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> thrown.set(assertThrows(
                IllegalStateException.class,
                () -> new SwingPrompt().ask(CodeRequestTest.TWO_PROFILES, new ScriptedAttempt()))));
        assertEquals(
                "SwingPrompt.ask blocks: call it off the event dispatch thread",
                thrown.get().getMessage());
    }

    @Test
    @DisplayName("fails in one line when Java runs headless")
    void headless() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "this JVM has a display");
        PromptException e = assertThrows(
                PromptException.class,
                () -> new SwingPrompt().ask(CodeRequestTest.TWO_PROFILES, new ScriptedAttempt()));
        assertEquals("cannot show the MFA code dialog: no display (Java runs headless)", e.getMessage());
    }

    @Test
    @DisplayName("shows a reason as text, wrapped at a fixed width, never as markup")
    void wrappedReason() {
        assertEquals(
                "<html><div style=\"width: 300px\">a &lt;b&gt; &amp; c</div></html>", CodeDialog.wrapped("a <b> & c"));
    }

    @Test
    @DisplayName("never shows a submitted code in toString")
    void eventHidesCode() {
        assertEquals("Submitted[code hidden]", new CodeDialog.Event.Submitted("123456").toString());
    }
}
