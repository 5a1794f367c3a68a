package dev.awsmfa.agent;

import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.CredentialsFileException;
import dev.awsmfa.notify.Notice;
import dev.awsmfa.notify.Notifier;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.schedule.AgentScheduler;
import dev.awsmfa.schedule.CallBudget;
import dev.awsmfa.schedule.FileWatcher;
import dev.awsmfa.schedule.Planner;
import dev.awsmfa.schedule.Step;
import dev.awsmfa.schedule.WakeDetector;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.tray.TrayActions;
import dev.awsmfa.tray.TrayView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident agent: reads the files, plans, and hands due steps to the renewal queue; keeps the tray in
 * step. The state lives in {@link AgentState}, the renewals in {@link RenewalQueue}, the tray's clicks in
 * {@link TrayController}.
 */
public final class Agent {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    /** Everything the agent takes from outside, injected. */
    public record Deps(
            AwsFiles files,
            Map<String, String> env,
            Clock clock,
            Duration defaultLead,
            Renewer renewer,
            Function<List<ManagedProfile>, Optional<CodePrompt>> prompts,
            Notifier notifier,
            Optional<AutoStart> autoStart,
            Runnable openCredentials,
            Runnable quit) {
        /** Without the environment: it may hold AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN. */
        @Override
        public String toString() {
            return "Deps[" + files + "]";
        }
    }

    private final Deps deps;
    private final AgentState state;
    private final CallBudget budget;
    private final RenewalQueue queue;
    private final TrayController tray;
    private final WakeDetector wake = new WakeDetector(Duration.ofSeconds(10));
    private volatile AgentScheduler scheduler;
    private volatile FileWatcher watcher;

    public Agent(Deps deps) {
        this(deps, new CallBudget(CallBudget.Rules.STANDARD, deps.clock()::instant, System::nanoTime));
    }

    /** With the budget that decides every automatic STS call and prompt (tests pass their own). */
    Agent(Deps deps, CallBudget budget) {
        this.deps = deps;
        this.budget = budget;
        this.state = new AgentState(deps.files(), deps.env(), deps.defaultLead(), deps.notifier());
        this.queue = new RenewalQueue(deps, state, budget, this::refresh, this::updateTray);
        this.tray = new TrayController(deps, state, queue, this::refresh);
    }

    /** Shows the tray, plans, and starts the scheduler; a profile already expired is prompted for at once. */
    public void start(TrayView view, Duration heartbeat) throws Exception {
        tray.attach(view);
        try {
            new CredentialsFile(deps.files().credentials()).removeStrayTemps();
        } catch (CredentialsFileException e) {
            log.warn("{}", e.getMessage());
        }
        this.scheduler = new AgentScheduler(this::onStep, () -> heartbeat(heartbeat), heartbeat);
        // Renewals by the CLI or other tools and edits by hand replan at once.
        this.watcher = new FileWatcher(watched(), 500, this::refresh);
        refresh();
        if (state.statuses().isEmpty()) {
            deps.notifier()
                    .notify(new Notice(
                            Notice.Kind.INFO,
                            "No MFA profiles yet",
                            "Add a profile with source_profile and mfa_serial to "
                                    + deps.files().config() + " (see the README)."));
        }
    }

    /** The files and, for symlinks, their targets: an edit of a link's target changes another folder. */
    private List<Path> watched() {
        List<Path> files = new ArrayList<>();
        for (Path p : List.of(deps.files().config(), deps.files().credentials())) {
            files.add(p);
            try {
                if (Files.isSymbolicLink(p)) {
                    files.add(p.toRealPath());
                }
            } catch (IOException e) {
                // a dangling link: the folder of the link itself is still watched
            }
        }
        return files;
    }

    public List<ProfileStatus> statuses() {
        return state.statuses();
    }

    /** The steps now planned, for tests. */
    List<Step> scheduled() {
        return scheduler == null ? List.of() : scheduler.scheduled();
    }

    /** For tests in this package: what the agent knows now (snoozes, failures). */
    AgentState state() {
        return state;
    }

    /** What the tray's menu and icon clicks call. */
    public TrayActions actions() {
        return tray;
    }

    /** Re-reads the files and recomputes the plan and the tray. Safe from any thread. */
    public synchronized void refresh() {
        Instant now = deps.clock().instant();
        state.read(now);
        List<Step> plan = Planner.plan(state.statuses(), now, state.snoozes(), budget::notBefore);
        try {
            if (scheduler != null) {
                scheduler.replan(plan);
            }
        } catch (Exception e) {
            log.error("cannot schedule: {}", e.toString());
        }
        log.info(
                "plan: {}",
                plan.stream()
                        .map(s -> s.kind() + " " + s.profiles() + " at " + s.at())
                        .toList());
        updateTray();
        queue.sessionsChanged();
    }

    /** Runs a question of our own once no code prompt is open or due (see {@link RenewalQueue#whenNoPrompt}). */
    public void whenNoPrompt(Runnable question) {
        queue.whenNoPrompt(question);
    }

    private void updateTray() {
        tray.update();
    }

    void onStep(Step step) {
        switch (step.kind()) {
            case PROMPT -> queue.enqueue(step.group(), RenewalQueue.Why.SCHEDULED);
            case ROLE_REFRESH -> queue.enqueueRole(step.profiles().get(0));
            case EXPIRED_NOTICE -> {
                refresh();
                List<String> ended = state.statuses().stream()
                        .filter(s -> step.profiles().contains(s.name()) && s.state() == ProfileStatus.State.EXPIRED)
                        .map(ProfileStatus::name)
                        .toList();
                if (!ended.isEmpty()) {
                    deps.notifier()
                            .notify(new Notice(
                                    Notice.Kind.EXPIRED,
                                    "MFA session ended: " + String.join(", ", ended),
                                    "AWS CLI calls with these profiles now fail. Click the tray icon to renew.",
                                    renewNow()));
                }
            }
        }
    }

    private void heartbeat(Duration interval) {
        if (wake.beat(deps.clock().millis(), System.nanoTime(), interval)) {
            log.info("woke up or the clock jumped: replanning");
            refresh();
            List<String> ended = state.statuses().stream()
                    .filter(s -> s.state() == ProfileStatus.State.EXPIRED)
                    .map(ProfileStatus::name)
                    .toList();
            if (!ended.isEmpty()) {
                // One notice for everything that ended meanwhile; the prompts follow, one per device.
                deps.notifier()
                        .notify(new Notice(
                                Notice.Kind.EXPIRED,
                                "MFA sessions ended while away",
                                String.join(", ", ended) + ": enter a code for each device to renew.",
                                renewNow()));
            }
        }
    }

    /** "Renew now" on a notification (where the server has actions): opens the prompts, as the tray's item does. */
    private Optional<Notice.Action> renewNow() {
        return Optional.of(new Notice.Action("Renew now", tray::renewExpiringSoon));
    }

    /** Lets a renewal in progress finish its write, then stops scheduling. */
    public void stop() {
        queue.stop();
        if (scheduler != null) {
            scheduler.close();
        }
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
    }
}
