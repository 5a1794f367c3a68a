package dev.awsmfa.prompt;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/**
 * The code dialog of a desktop session (Windows, macOS without osascript, Linux with X11): always on top, the
 * focus in the code field, OK only with six digits. It stays open while a code is checked and after a wrong
 * one, so the user types the next code where they are already looking.
 */
public final class SwingPrompt implements CodePrompt, AutoCloseable {
    private final Clock clock;
    /** The events of the dialog open now, if any: {@link #close} posts a Cancelled there. */
    private volatile BlockingQueue<CodeDialog.Event> open;

    public SwingPrompt() {
        this(Clock.systemUTC());
    }

    /** @param clock for the countdown of the time left */
    public SwingPrompt(Clock clock) {
        this.clock = clock;
    }

    /** Blocks until the user is done; call it from a worker thread, since it checks codes on that thread. */
    @Override
    public boolean ask(CodeRequest request, CodeAttempt attempt) throws PromptException {
        if (SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("SwingPrompt.ask blocks: call it off the event dispatch thread");
        }
        if (GraphicsEnvironment.isHeadless()) {
            throw new PromptException("cannot show the MFA code dialog: no display (Java runs headless)");
        }
        aws.mfa.agent.startToolkit(); // before any window: WM_CLASS aws-mfa-agent, whichever thread asks first
        BlockingQueue<CodeDialog.Event> events = new LinkedBlockingQueue<>();
        CodeDialog dialog = open(request, events);
        open = events;
        try {
            while (true) {
                if (events.take() instanceof CodeDialog.Event.Submitted submitted) {
                    CodeAttempt.Verdict verdict = attempt.submit(submitted.code());
                    if (!(verdict instanceof CodeAttempt.Verdict.TryAgain again)) {
                        return true;
                    }
                    SwingUtilities.invokeLater(() -> dialog.tryAgain(again.reason()));
                } else {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromptException("interrupted while waiting for the MFA code");
        } finally {
            open = null;
            SwingUtilities.invokeLater(dialog::dispose);
        }
    }

    /**
     * Closes the dialog open now, if any, as if cancelled ({@link #ask} returns false): the session it asked
     * for was renewed elsewhere, or the agent is stopping. A code already with AWS is still answered first.
     */
    @Override
    public void close() {
        BlockingQueue<CodeDialog.Event> events = open;
        if (events != null) {
            events.add(new CodeDialog.Event.Cancelled());
        }
    }

    private CodeDialog open(CodeRequest request, BlockingQueue<CodeDialog.Event> events) throws PromptException {
        AtomicReference<CodeDialog> dialog = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> dialog.set(CodeDialog.open(request, clock, events)));
            return dialog.get();
        } catch (InvocationTargetException e) {
            // AWTError (no X server), HeadlessException: the message names the display, never a code
            throw new PromptException("cannot show the MFA code dialog: " + e.getCause());
        } catch (AWTError | HeadlessException e) {
            // the toolkit starts on first use, in this thread
            throw new PromptException("cannot show the MFA code dialog: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromptException("interrupted while opening the MFA code dialog");
        }
    }
}
