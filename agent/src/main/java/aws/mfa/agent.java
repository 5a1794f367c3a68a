package aws.mfa;

import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;

/**
 * Names our windows. AWT's X11 toolkit takes the WM_CLASS of every window from the class at the bottom of the
 * stack of the thread that creates the toolkit, dots turned into dashes: created on a pool thread, our windows
 * were {@code java-lang-Thread}. Created on a thread of this class they are {@code aws-mfa-agent}, which docks,
 * task switchers and window rules can name. This needs no {@code --add-opens} (setting the toolkit's private
 * field would), so it works from every launcher.
 */
@SuppressWarnings("checkstyle:TypeName")
public final class agent extends Thread {

    private agent() {
        super("awt-start");
        setDaemon(true);
    }

    /** Creates the AWT toolkit (once per JVM; later calls return at once) so that it names windows after us. */
    public static void startToolkit() {
        agent t = new agent();
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        if (!GraphicsEnvironment.isHeadless()) {
            Toolkit.getDefaultToolkit();
            GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
        }
    }
}
