package dev.awsmfa.prompt;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Cursor;
import java.awt.Dialog.ModalityType;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.KeyStroke;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.AbstractDocument;

/**
 * The code dialog's window. Every method runs on the EDT; what the user does goes to {@code events}, read by
 * the thread blocked in {@link SwingPrompt#ask}. Components carry names so tests can find them.
 */
final class CodeDialog {
    static final String NAME = "aws-mfa-agent.code-dialog";
    static final Color ERROR = new Color(200, 0, 0);
    static final Color HINT = new Color(90, 90, 90);
    static final String CHECKING = "Checking\u2026";
    private static final int STATUS_WIDTH = 300;

    /** What the user did. Submitted's toString hides the code, in case an event ever reaches a log. */
    sealed interface Event {
        record Submitted(String code) implements Event {
            @Override
            public String toString() {
                return "Submitted[code hidden]";
            }
        }

        record Cancelled() implements Event {}
    }

    private final JDialog dialog = new JDialog((Window) null, CodeRequest.DIALOG_TITLE, ModalityType.MODELESS);
    private final JPasswordField field = new JPasswordField(8);
    private final JLabel status = new JLabel(" ");
    private final JLabel timeLeft = new JLabel(" ");
    private final JButton ok = new JButton("OK");
    private final JButton cancel = new JButton("Cancel");
    private final BlockingQueue<Event> events;
    private final Timer countdown;
    private boolean checking;

    private CodeDialog(CodeRequest request, Clock clock, BlockingQueue<Event> events) {
        this.events = events;
        Optional<Instant> deadline = request.timeLeft().map(clock.instant()::plus);
        this.countdown = new Timer(1000, e -> showTimeLeft(clock, deadline));
        showTimeLeft(clock, deadline);
        layOut(request);
        wire();
        request.retryReason()
                .ifPresentOrElse(this::showError, () -> showHint("Enter the 6-digit code from your MFA device."));
        updateOk();
        dialog.pack();
        dialog.setLocationRelativeTo(null);
    }

    static String title(CodeRequest request) {
        return request.windowTitle();
    }

    /** Builds and shows the dialog with the keyboard focus in the code field. */
    static CodeDialog open(CodeRequest request, Clock clock, BlockingQueue<Event> events) {
        CodeDialog d = new CodeDialog(request, clock, events);
        d.dialog.setVisible(true);
        d.countdown.start();
        d.focusField();
        return d;
    }

    private void layOut(CodeRequest request) {
        dialog.setName(NAME);
        dialog.setTitle(title(request));
        dialog.getAccessibleContext().setAccessibleName(CodeRequest.DIALOG_TITLE);
        dialog.setAlwaysOnTop(true);
        // Never blocked by a modal window of ours (a question): the code prompt always takes input.
        dialog.setModalExclusionType(java.awt.Dialog.ModalExclusionType.APPLICATION_EXCLUDE);
        dialog.setResizable(false);
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);

        JPanel text = new JPanel();
        text.setLayout(new BoxLayout(text, BoxLayout.Y_AXIS));
        text.add(left(new JLabel(wrapped(request.profilesLine())))); // many profiles wrap, like a long reason
        text.add(left(new JLabel("MFA device: " + request.deviceLabel())));
        timeLeft.setName("time-left");
        timeLeft.setVisible(request.timeLeft().isPresent());
        text.add(left(timeLeft));
        text.add(Box.createVerticalStrut(10));

        field.setName("code");
        field.getAccessibleContext().setAccessibleName("MFA code");
        field.setFont(new Font(Font.MONOSPACED, Font.BOLD, 22));
        field.setEchoChar((char) 0); // a one-time code is read and typed digit by digit: show it
        ((AbstractDocument) field.getDocument()).setDocumentFilter(new SixDigitFilter());
        field.setMaximumSize(field.getPreferredSize());
        text.add(left(field));
        text.add(Box.createVerticalStrut(6));
        status.setName("status");
        text.add(left(status));

        ok.setName("ok");
        cancel.setName("cancel");
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.add(cancel);
        buttons.add(ok);

        JPanel content = new JPanel(new BorderLayout(0, 12));
        content.setBorder(BorderFactory.createEmptyBorder(14, 18, 12, 18));
        content.add(text, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        dialog.setContentPane(content);
    }

    private static JComponent left(JComponent c) {
        c.setAlignmentX(Component.LEFT_ALIGNMENT);
        return c;
    }

    private void wire() {
        field.addActionListener(e -> submit()); // Enter in the field; fires only with six digits
        ok.addActionListener(e -> submit());
        cancel.addActionListener(e -> cancel());
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                updateOk();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                updateOk();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                updateOk();
            }
        });
        JComponent root = dialog.getRootPane();
        root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "cancel");
        root.getActionMap().put("cancel", new AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                cancel();
            }
        });
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowOpened(WindowEvent e) {
                focusField();
            }

            @Override
            public void windowClosing(WindowEvent e) {
                cancel();
            }
        });
        // Whenever the prompt is shown again (another window closed, the user came back), the keys go to the code.
        dialog.addWindowFocusListener(new WindowAdapter() {
            @Override
            public void windowGainedFocus(WindowEvent e) {
                if (!checking) {
                    field.requestFocusInWindow();
                }
            }
        });
    }

    /** Shows "Checking…" and locks the dialog while the code goes to AWS. */
    private void submit() {
        if (checking || field.getDocument().getLength() != SixDigitFilter.LENGTH) {
            return;
        }
        char[] chars = field.getPassword();
        String code = new String(chars);
        Arrays.fill(chars, '\0');
        checking = true;
        field.setEnabled(false);
        cancel.setEnabled(false);
        updateOk();
        showHint(CHECKING);
        dialog.setCursor(Cursor.getPredefinedCursor(Cursor.WAIT_CURSOR));
        events.add(new Event.Submitted(code));
    }

    /** The code was not accepted: stay open, empty the field, say why in red, and take the focus back. */
    void tryAgain(String reason) {
        checking = false;
        dialog.setCursor(Cursor.getDefaultCursor());
        field.setText("");
        field.setEnabled(true);
        cancel.setEnabled(true);
        updateOk();
        showError(reason);
        dialog.pack();
        focusField();
    }

    private void cancel() {
        if (checking) {
            return; // the code is already with AWS; its answer decides
        }
        dialog.setVisible(false);
        events.add(new Event.Cancelled());
    }

    void dispose() {
        countdown.stop();
        dialog.dispose();
    }

    // Without a window manager nobody hands us the focus: ask for it, for the window and then the field.
    private void focusField() {
        dialog.toFront();
        dialog.requestFocus();
        field.requestFocusInWindow();
    }

    private void updateOk() {
        ok.setEnabled(!checking && field.getDocument().getLength() == SixDigitFilter.LENGTH);
    }

    private void showError(String text) {
        status.setForeground(ERROR);
        status.setText(wrapped(text));
    }

    private void showHint(String text) {
        status.setForeground(HINT);
        status.setText(wrapped(text));
    }

    /** A long reason wraps at a fixed width instead of widening the dialog off the screen. */
    static String wrapped(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<html><div style=\"width: " + STATUS_WIDTH + "px\">" + escaped + "</div></html>";
    }

    private void showTimeLeft(Clock clock, Optional<Instant> deadline) {
        deadline.ifPresent(d -> timeLeft.setText(CodeRequest.timeLeftText(Duration.between(clock.instant(), d))));
    }
}
