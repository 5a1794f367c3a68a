package dev.awsmfa.agent;

import dev.awsmfa.settings.SettingReport;
import dev.awsmfa.autostart.AutoStart;
import dev.awsmfa.autostart.AutoStartException;
import dev.awsmfa.credentials.CredentialsFile;
import dev.awsmfa.credentials.CredentialsFileException;
import dev.awsmfa.notify.Notice;
import dev.awsmfa.notify.Notifier;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ManagedProfile.DeviceKey;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.profile.ProfileException;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.renew.RenewFailure;
import dev.awsmfa.renew.Renewal;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.schedule.AgentScheduler;
import dev.awsmfa.schedule.FileWatcher;
import dev.awsmfa.schedule.Planner;
import dev.awsmfa.schedule.Step;
import dev.awsmfa.schedule.WakeDetector;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.StatusReader;
import dev.awsmfa.tray.TrayActions;
import dev.awsmfa.tray.TrayMenus;
import dev.awsmfa.tray.TrayView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident agent's state and behaviour: reads the files, plans, prompts one device at a time,
 * renews, notifies, and keeps the tray in step. Every prompt and STS call runs on one worker thread,
 * so two prompts never show at once and never for the same device.
 */
public final class Agent implements TrayActions {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** Everything the agent takes from outside, injected. */
    public record Deps(AwsFiles files, Map<String, String> env, Clock clock, Duration defaultLead, Renewer renewer,
                       Function<List<ManagedProfile>, Optional<CodePrompt>> prompts, Notifier notifier,
                       Optional<AutoStart> autoStart, Runnable openCredentials, Runnable quit) {
        /** Without the environment: it may hold AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN. */
        @Override
        public String toString() {
            return "Deps[" + files + "]";
        }
    }

    private final Deps deps;
    private final ExecutorService worker;
    private final Set<DeviceKey> queued = ConcurrentHashMap.newKeySet();
    private final Set<String> renewing = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final List<Planner.Snooze> snoozes = new CopyOnWriteArrayList<>();
    private final WakeDetector wake = new WakeDetector(Duration.ofSeconds(10));
    private volatile List<ProfileStatus> statuses = List.of();
    /** Why the files could not be read the last time, told once per distinct problem. */
    private volatile String fileProblem;
    private volatile TrayView tray;
    private volatile AgentScheduler scheduler;
    private volatile FileWatcher watcher;
    private final SettingReport settingReport;

    public Agent(Deps deps) {
        this.deps = deps;
        this.settingReport = new SettingReport(deps.notifier());
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "renewals");
            t.setDaemon(true);
            return t;
        });
    }

    /** Shows the tray, plans, and starts the scheduler; a profile already expired is prompted for at once. */
    public void start(TrayView view, Duration heartbeat) throws Exception {
        this.tray = view;
        try {
            new CredentialsFile(deps.files().credentials()).removeStrayTemps();
        } catch (CredentialsFileException e) {
            log.warn("{}", e.getMessage());
        }
        this.scheduler = new AgentScheduler(this::onStep, () -> heartbeat(heartbeat), heartbeat);
        // Renewals by the CLI or other tools and edits by hand replan at once.
        this.watcher = new FileWatcher(watched(), 500, this::refresh);
        refresh();
        if (statuses.isEmpty()) {
            deps.notifier().notify(new Notice(Notice.Kind.INFO, "No MFA profiles yet",
                    "Add a profile with source_profile and mfa_serial to " + deps.files().config() + " (see the README)."));
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
        return statuses;
    }

    /** Re-reads the files and recomputes the plan and the tray. Safe from any thread. */
    public synchronized void refresh() {
        Instant now = deps.clock().instant();
        try {
            ProfileCatalog catalog = ProfileCatalog.load(deps.files(), deps.env());
            statuses = StatusReader.read(catalog, now, deps.defaultLead());
            settingReport.report(catalog.settingProblems());
            fileProblem = null;
        } catch (ProfileException e) {
            // A broken file (mid-edit, perhaps): keep the last good plan, show the problem.
            if (!e.getMessage().equals(fileProblem)) {
                fileProblem = e.getMessage();
                log.warn("cannot read the AWS files: {}", e.getMessage());
                deps.notifier().notify(new Notice(Notice.Kind.FAILED, "Cannot read your AWS files", e.getMessage()));
            }
        }
        snoozes.removeIf(z -> statuses.stream().noneMatch(s -> s.expiration().equals(Optional.of(z.expiration()))));
        List<Step> plan = Planner.plan(statuses, now, snoozes);
        try {
            if (scheduler != null) {
                scheduler.replan(plan);
            }
        } catch (Exception e) {
            log.error("cannot schedule: {}", e.toString());
        }
        log.info("plan: {}", plan.stream().map(s -> s.kind() + " " + s.profiles() + " at " + s.at()).toList());
        updateTray();
    }

    private void updateTray() {
        TrayView view = tray;
        if (view == null) {
            return;
        }
        Optional<Boolean> startAtLogin = deps.autoStart().map(a -> {
            try {
                return a.isEnabled();
            } catch (AutoStartException e) {
                return false;
            }
        });
        view.show(TrayMenus.build(statuses, Set.copyOf(renewing), Map.copyOf(failures), startAtLogin, deps.clock().instant(),
                deps.clock().getZone(), this));
    }

    void onStep(Step step) {
        switch (step.kind()) {
            case PROMPT -> enqueue(step.device(), true);
            case ROLE_REFRESH -> worker.submit(() -> refreshRole(step.profiles().get(0)));
            case EXPIRED_NOTICE -> {
                refresh();
                List<String> ended = statuses.stream()
                        .filter(s -> step.profiles().contains(s.name()) && s.state() == ProfileStatus.State.EXPIRED)
                        .map(ProfileStatus::name).toList();
                if (!ended.isEmpty()) {
                    deps.notifier().notify(new Notice(Notice.Kind.EXPIRED, "MFA session ended: " + String.join(", ", ended),
                            "AWS CLI calls with these profiles now fail. Click the tray icon to renew."));
                }
            }
        }
    }

    private void heartbeat(Duration interval) {
        if (wake.beat(deps.clock().millis(), System.nanoTime(), interval)) {
            log.info("woke up or the clock jumped: replanning");
            refresh();
            List<String> ended = statuses.stream().filter(s -> s.state() == ProfileStatus.State.EXPIRED)
                    .map(ProfileStatus::name).toList();
            if (!ended.isEmpty()) {
                // One notice for everything that ended meanwhile; the prompts follow, one per device.
                deps.notifier().notify(new Notice(Notice.Kind.EXPIRED, "MFA sessions ended while away",
                        String.join(", ", ended) + ": enter a code for each device to renew."));
            }
        }
    }

    private void enqueue(DeviceKey device, boolean scheduled) {
        if (queued.add(device)) {
            worker.submit(() -> renewDevice(device, scheduled));
        }
    }

    private void renewDevice(DeviceKey device, boolean scheduled) {
        List<ManagedProfile> group = List.of();
        try {
            refresh();
            Instant now = deps.clock().instant();
            List<ProfileStatus> members = statuses.stream()
                    .filter(s -> s.profile().map(p -> p.device().equals(device)).orElse(false)).toList();
            if (members.isEmpty()) {
                return;
            }
            if (scheduled && members.stream().filter(s -> !chained(s)).noneMatch(s -> due(s, now))) {
                return; // renewed meanwhile (by the CLI, another tool, or a click)
            }
            group = members.stream().map(s -> s.profile().get()).toList();
            Optional<Duration> left = members.stream().flatMap(s -> s.timeLeft(now).stream()).min(Duration::compareTo);
            List<String> names = group.stream().map(ManagedProfile::name).toList();
            renewing.addAll(names);
            updateTray();
            if (scheduled && left.isPresent() && !left.get().isNegative()) {
                deps.notifier().notify(new Notice(Notice.Kind.EXPIRING, "MFA session ends in " + minutes(left.get()),
                        String.join(", ", names) + ": enter a code to keep the AWS CLI working."));
            }
            Optional<CodePrompt> prompt = deps.prompts().apply(group);
            if (prompt.isEmpty()) {
                fail(names, "no way to ask for a code here (no display or terminal); run aws-mfa-agent renew -p " + names.get(0));
                return;
            }
            Renewal r = deps.renewer().renew(deps.files().credentials(), group, prompt.get(),
                    new Renewer.Options(OptionalInt.empty(), left, Renewer.Options.SETTLE));
            names.forEach(failures::remove);
            log.info("renewed {} until {}", names, r.expiration());
            deps.notifier().notify(new Notice(Notice.Kind.RENEWED, "Renewed " + String.join(", ", names),
                    "Valid until " + HH_MM.format(r.expiration().atZone(deps.clock().getZone())) + "."));
        } catch (RenewFailure f) {
            List<String> names = group.stream().map(ManagedProfile::name).toList();
            if (f.reason() == RenewFailure.Reason.CANCELLED) {
                log.info("prompt for {} cancelled: snoozed", names);
                statuses.stream().filter(s -> names.contains(s.name())).flatMap(s -> s.expiration().stream())
                        .min(Instant::compareTo)
                        .ifPresent(e -> snoozes.add(new Planner.Snooze(device, e, deps.clock().instant())));
            } else {
                fail(names, f.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("renewal failed unexpectedly: {}", e.getClass().getSimpleName());
        } finally {
            group.forEach(p -> renewing.remove(p.name()));
            queued.remove(device);
            refresh();
        }
    }

    /** A chained role ends within its lead: renew it from the live MFA session, no prompt. */
    private void refreshRole(String name) {
        Optional<ManagedProfile> role = statuses.stream().filter(s -> s.name().equals(name))
                .flatMap(s -> s.profile().stream()).findFirst();
        if (role.isEmpty()) {
            return;
        }
        try {
            renewing.add(name);
            updateTray();
            Renewal r = deps.renewer().refreshRoles(deps.files().credentials(), List.of(role.get()),
                    Renewer.Options.standard());
            failures.remove(name);
            log.info("renewed role {} from its MFA session until {}", name, r.expiration());
        } catch (RenewFailure f) {
            if (f.reason() == RenewFailure.Reason.NEEDS_CODE) {
                enqueue(role.get().device(), false);
            } else {
                fail(List.of(name), f.getMessage());
            }
        } finally {
            renewing.remove(name);
            refresh();
        }
    }

    private static boolean chained(ProfileStatus s) {
        return s.profile().flatMap(ManagedProfile::role).map(r -> r.chained()).orElse(false);
    }

    private void fail(List<String> names, String message) {
        log.warn("renewal of {} failed: {}", names, message);
        names.forEach(n -> failures.put(n, message));
        deps.notifier().notify(new Notice(Notice.Kind.FAILED, "Could not renew " + String.join(", ", names), message));
    }

    private static boolean due(ProfileStatus s, Instant now) {
        return s.expiration().map(e -> !now.isBefore(e.minus(s.lead()))).orElse(false);
    }

    private static String minutes(Duration d) {
        long m = Math.max(1, d.toMinutes());
        return m + (m == 1 ? " minute" : " minutes");
    }

    // --- tray actions (called on the tray's executor) ---

    @Override
    public void renew(String profile) {
        statuses.stream().filter(s -> s.name().equals(profile)).flatMap(s -> s.profile().stream()).findFirst()
                .ifPresentOrElse(p -> enqueue(p.device(), false), this::reload);
    }

    @Override
    public void renewExpiringSoon() {
        List<DeviceKey> devices = new ArrayList<>();
        for (ProfileStatus s : statuses) {
            if (TrayMenus.needsRenewal(s.state()) && s.profile().isPresent() && !devices.contains(s.profile().get().device())) {
                devices.add(s.profile().get().device());
            }
        }
        devices.forEach(d -> enqueue(d, false));
    }

    @Override
    public void renewMostUrgent() {
        TrayMenus.mostUrgent(statuses).ifPresent(s -> renew(s.name()));
    }

    @Override
    public void reload() {
        refresh();
    }

    @Override
    public void openCredentials() {
        deps.openCredentials().run();
    }

    @Override
    public void setStartAtLogin(boolean enabled) {
        deps.autoStart().ifPresent(a -> {
            try {
                if (enabled) {
                    a.enable(true); // the user ticked the box: that is the explicit override
                } else {
                    a.disable();
                }
            } catch (AutoStartException e) {
                deps.notifier().notify(new Notice(Notice.Kind.FAILED, "Start at login", e.getMessage()));
            }
        });
        updateTray();
    }

    @Override
    public void quit() {
        deps.quit().run();
    }

    /** Lets a renewal in progress finish its write, then stops scheduling. */
    public void stop() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
