package dev.awsmfa.agent;

import dev.awsmfa.notify.Notice;
import dev.awsmfa.notify.Notifier;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.schedule.Planner;
import dev.awsmfa.settings.SettingReport;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.StatusReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent knows at a moment: the profiles' statuses as last read from the files, which are being
 * renewed, which failed and why, the prompts the user snoozed, and why the files could not be read.
 * Safe to read from any thread; the tray and the plan are built from it.
 */
final class AgentState {

    private static final Logger log = LoggerFactory.getLogger(AgentState.class);

    private final AwsFiles files;
    private final Map<String, String> env;
    private final Duration defaultLead;
    private final Notifier notifier;
    private final Set<String> renewing = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final List<Planner.Snooze> snoozes = new CopyOnWriteArrayList<>();
    private volatile List<ProfileStatus> statuses = List.of();
    /** Why the files could not be read the last time, told once per distinct problem. */
    private volatile String fileProblem;
    /** Profile settings we cannot use (a bad aws_mfa_agent_lead_minutes), each told once. */
    private final SettingReport settingReport;

    AgentState(AwsFiles files, Map<String, String> env, Duration defaultLead, Notifier notifier) {
        this.files = files;
        this.env = env;
        this.defaultLead = defaultLead;
        this.notifier = notifier;
        this.settingReport = new SettingReport(notifier);
    }

    /** Re-reads the files; a broken file (mid-edit, perhaps) keeps the last good statuses and is told once. */
    void read(Instant now) {
        try {
            ProfileCatalog catalog = ProfileCatalog.load(files, env);
            statuses = StatusReader.read(catalog, now, defaultLead);
            settingReport.report(catalog.settingProblems());
            fileProblem = null;
        } catch (ProfileException e) {
            if (!e.getMessage().equals(fileProblem)) {
                fileProblem = e.getMessage();
                log.warn("cannot read the AWS files: {}", e.getMessage());
                notifier.notify(new Notice(Notice.Kind.FAILED, "Cannot read your AWS files", e.getMessage()));
            }
        }
        snoozes.removeIf(z -> statuses.stream().noneMatch(s -> s.expiration().equals(Optional.of(z.expiration()))));
    }

    List<ProfileStatus> statuses() {
        return statuses;
    }

    Optional<ProfileStatus> status(String name) {
        return statuses.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    Set<String> renewing() {
        return renewing;
    }

    Map<String, String> failures() {
        return failures;
    }

    List<Planner.Snooze> snoozes() {
        return snoozes;
    }
}
