package dev.awsmfa.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Windows: the tray icon's own balloon (a toast on Windows 10 and later), shown by the tray. */
public final class TrayBalloonNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(TrayBalloonNotifier.class);

    /** Shows a balloon at the tray icon; false when it could not. {@code DorkboxTray::balloon} fits. */
    @FunctionalInterface
    public interface Balloon {
        boolean show(String title, String body, boolean warning);
    }

    private final Balloon balloon;

    public TrayBalloonNotifier(Balloon balloon) {
        this.balloon = balloon;
    }

    @Override
    public void notify(Notice notice) {
        boolean warning = notice.kind() == Notice.Kind.FAILED
                || notice.kind() == Notice.Kind.EXPIRED
                || notice.kind() == Notice.Kind.EXPIRING;
        try {
            if (!balloon.show(notice.title(), notice.body(), warning)) {
                LOG.info("The tray could not show the notification '{}': {}", notice.title(), notice.body());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not show the tray notification '{}': {}", notice.title(), e.toString());
        }
    }
}
