package dev.awsmfa.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where no desktop can show a notification (a server, a headless session): the log is the only record. */
public final class QuietNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(QuietNotifier.class);

    @Override
    public void notify(Notice notice) {
        LOG.info("{}: {}: {}", notice.kind(), notice.title(), notice.body());
    }
}
