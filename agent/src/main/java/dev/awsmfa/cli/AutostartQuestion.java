package dev.awsmfa.cli;

import javax.swing.JOptionPane;

/** The one-time question on the first desktop run. */
final class AutostartQuestion {
    private AutostartQuestion() {}

    static boolean ask() {
        int answer = JOptionPane.showConfirmDialog(null,
                "Start aws-mfa-agent when you log in, so your AWS CLI sessions stay fresh?\n"
                        + "You can change this later in the tray menu (Start at login).",
                "aws-mfa-agent: start at login?", JOptionPane.YES_NO_OPTION, JOptionPane.QUESTION_MESSAGE);
        return answer == JOptionPane.YES_OPTION;
    }
}
