package dev.awsmfa.cli;

import javax.swing.JOptionPane;

/**
 * The one-time question on the first desktop run. "Not now" has the focus, so that keys typed for another window
 * (an MFA code and Enter) can never switch start at login on; the agent asks only while no code prompt is open.
 */
final class AutostartQuestion {
    static final String TITLE = "aws-mfa-agent: start at login?";
    private static final String YES = "Start at login";
    private static final String NO = "Not now";

    private AutostartQuestion() {}

    static boolean ask() {
        aws.mfa.agent.startToolkit(); // WM_CLASS aws-mfa-agent
        int answer = JOptionPane.showOptionDialog(null,
                "Start aws-mfa-agent when you log in, so your AWS CLI sessions stay fresh?\n"
                        + "You can change this later in the tray menu (Start at login).",
                TITLE, JOptionPane.YES_NO_OPTION, JOptionPane.QUESTION_MESSAGE, null, new Object[] {YES, NO}, NO);
        return answer == 0;
    }
}
