package dev.awsmfa.cli;

import java.awt.Dialog.ModalityType;
import java.util.concurrent.CompletableFuture;
import javax.swing.JDialog;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;

/**
 * The one-time question on the first desktop run. "Not now" has the focus, so that keys typed for another window
 * (an MFA code and Enter) can never switch start at login on; the agent asks only while no code prompt is open
 * or due. Modeless: a code prompt asked for later opens on top of it and takes the keys.
 */
final class AutostartQuestion {
    static final String TITLE = "aws-mfa-agent: start at login?";
    private static final String YES = "Start at login";
    private static final String NO = "Not now";

    private AutostartQuestion() {}

    /** Blocks until answered; closing the window is "Not now". Call it off the event dispatch thread. */
    static boolean ask() {
        aws.mfa.agent.startToolkit(); // WM_CLASS aws-mfa-agent
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        SwingUtilities.invokeLater(() -> {
            JOptionPane pane = new JOptionPane(
                    "Start aws-mfa-agent when you log in, so your AWS CLI sessions stay fresh?\n"
                            + "You can change this later in the tray menu (Start at login).",
                    JOptionPane.QUESTION_MESSAGE,
                    JOptionPane.YES_NO_OPTION,
                    null,
                    new Object[] {YES, NO},
                    NO);
            JDialog dialog = pane.createDialog(null, TITLE);
            dialog.setModalityType(ModalityType.MODELESS);
            pane.addPropertyChangeListener(JOptionPane.VALUE_PROPERTY, e -> {
                if (e.getNewValue() != JOptionPane.UNINITIALIZED_VALUE) {
                    answer.complete(YES.equals(e.getNewValue()));
                    dialog.dispose();
                }
            });
            dialog.setVisible(true);
        });
        return answer.join();
    }
}
