package dev.awsmfa.settings;

import dev.awsmfa.notify.Notice;
import dev.awsmfa.notify.Notifier;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which settings the agent could not use: each new problem once in the log, and all new ones together
 * in one notification, so a bad value never passes silently and an unchanged one does not nag.
 */
public final class SettingReport {
    private static final Logger LOG = LoggerFactory.getLogger(SettingReport.class);

    private final Notifier notifier;
    private final Set<SettingProblem> reported = new LinkedHashSet<>();

    public SettingReport(Notifier notifier) {
        this.notifier = notifier;
    }

    /** Logs and notifies the problems not reported before; returns those. */
    public synchronized List<SettingProblem> report(Collection<SettingProblem> problems) {
        List<SettingProblem> fresh = problems.stream().filter(reported::add).toList();
        if (fresh.isEmpty()) {
            return fresh;
        }
        fresh.forEach(p -> LOG.warn("setting not used: {}", p.message()));
        String title =
                fresh.size() == 1 ? "A setting is not understood" : fresh.size() + " settings are not understood";
        String body = fresh.size() == 1
                ? fresh.get(0).message()
                : String.join("; ", fresh.stream().map(SettingProblem::key).toList())
                        + ". Details: aws-mfa-agent status";
        notifier.notify(new Notice(Notice.Kind.INFO, title, body));
        return fresh;
    }
}
