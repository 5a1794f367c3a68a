package dev.awsmfa.agent;

import dev.awsmfa.notify.Notice;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.renew.DeviceGroup;
import dev.awsmfa.renew.RenewFailure;
import dev.awsmfa.renew.Renewal;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.schedule.CallBudget;
import dev.awsmfa.schedule.Planner;
import dev.awsmfa.status.ProfileStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renewals, one at a time: every prompt and STS call runs on one worker thread, so two prompts never
 * show at once and never for the same device. A device already queued is not queued twice.
 */
final class RenewalQueue {

    private static final Logger log = LoggerFactory.getLogger(RenewalQueue.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Agent.Deps deps;
    private final AgentState state;
    /** Re-reads the files, replans and redraws the tray. */
    private final Runnable refresh;
    /** Redraws the tray from the state as it is. */
    private final Runnable showTray;

    private final ExecutorService worker;
    private final Set<DeviceGroup.Key> queued = ConcurrentHashMap.newKeySet();
    private final OpenPrompt prompts;
    private final BudgetGate gate;

    private volatile boolean stopping;

    RenewalQueue(Agent.Deps deps, AgentState state, CallBudget budget, Runnable refresh, Runnable showTray) {
        this.deps = deps;
        this.state = state;
        this.prompts = new OpenPrompt(state, deps.clock());
        this.gate = new BudgetGate(budget, state, deps.notifier(), deps.clock());
        this.refresh = refresh;
        this.showTray = showTray;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "renewals");
            t.setDaemon(true);
            return t;
        });
    }

    /** Why a group is renewed: the plan and a role's ended session are automatic (the budget decides), a click is not. */
    enum Why {
        SCHEDULED,
        SESSION_ENDED,
        CLICK
    }

    /** Renews the group with a code. */
    void enqueue(DeviceGroup.Key device, Why why) {
        if (queued.add(device)) {
            worker.submit(() -> renewDevice(device, why));
        }
    }

    /** Renews a chained role from its live MFA session, no prompt. */
    void enqueueRole(String name) {
        worker.submit(() -> refreshRole(name));
    }

    private void renewDevice(DeviceGroup.Key device, Why why) {
        boolean scheduled = why == Why.SCHEDULED;
        List<ManagedProfile> group = List.of();
        Optional<Instant> askedFor = Optional.empty();
        OpenPrompt.Shown shown = null;
        try {
            refresh.run();
            Instant now = deps.clock().instant();
            List<ProfileStatus> members = state.statuses().stream()
                    .filter(s -> s.profile()
                            .map(p -> DeviceGroup.keyOf(p).equals(device))
                            .orElse(false))
                    .toList();
            if (members.isEmpty()) {
                return;
            }
            if (scheduled && members.stream().filter(s -> !chained(s)).noneMatch(s -> due(s, now))) {
                return; // renewed meanwhile (by the CLI, another tool, or a click)
            }
            // A prompt is for the group's sessions (or its direct role); chained roles come along with them.
            List<String> asking = members.stream()
                    .filter(s -> !chained(s))
                    .map(ProfileStatus::name)
                    .toList();
            if (!gate.allowed(
                    why,
                    asking.isEmpty() ? members.stream().map(ProfileStatus::name).toList() : asking)) {
                return;
            }
            List<ManagedProfile> resolved =
                    members.stream().map(s -> s.profile().get()).toList();
            group = DeviceGroup.of(resolved, resolved.get(0)).members();
            Optional<Duration> left =
                    members.stream().flatMap(s -> s.timeLeft(now).stream()).min(Duration::compareTo);
            List<String> names = group.stream().map(ManagedProfile::name).toList();
            state.renewing().addAll(names);
            showTray.run();
            if (scheduled && left.isPresent() && !left.get().isNegative()) {
                deps.notifier()
                        .notify(new Notice(
                                Notice.Kind.EXPIRING,
                                "MFA session ends in " + minutes(left.get()),
                                String.join(", ", names) + ": enter a code to keep the AWS CLI working."));
            }
            Optional<CodePrompt> prompt = deps.prompts().apply(group);
            if (prompt.isEmpty()) {
                names.forEach(gate::failed);
                fail(
                        names,
                        "no way to ask for a code here (no display or terminal); run aws-mfa-agent renew -p "
                                + names.get(0));
                return;
            }
            // Cancel snoozes the session this prompt was opened for, whatever the file holds by then.
            askedFor = OpenPrompt.sessionOf(members);
            shown = prompts.opened(device, askedFor, prompt.get());
            Renewal r = deps.renewer()
                    .renew(
                            deps.files().credentials(),
                            group,
                            prompt.get(),
                            new Renewer.Options(OptionalInt.empty(), left, Renewer.Options.SETTLE));
            names.forEach(state.failures()::remove);
            gate.renewed(r);
            log.info("renewed {} until {}", r.profiles(), r.expiration());
            // The MFA session's end, not an hour-long role's: roles are renewed from the session without a code.
            List<String> sessions = group.stream()
                    .filter(p -> p.role().isEmpty())
                    .map(ManagedProfile::name)
                    .toList();
            Instant sessionEnd = r.written().stream()
                    .filter(w -> sessions.contains(w.profile()))
                    .map(Renewal.Written::expiration)
                    .min(Instant::compareTo)
                    .orElse(r.expiration());
            String until =
                    "Valid until " + HH_MM.format(sessionEnd.atZone(deps.clock().getZone())) + ".";
            if (r.complete()) {
                deps.notifier().notify(new Notice(Notice.Kind.RENEWED, "Renewed " + String.join(", ", names), until));
            } else {
                // Partial: the renewed ones are fine; the failed ones show in the tray and are named here.
                List<String> failed =
                        r.failed().stream().map(Renewal.Failed::profile).toList();
                r.failed().forEach(f -> {
                    gate.failed(f.profile());
                    state.failures().put(f.profile(), f.message());
                    log.warn("renewal of {} failed: {}", f.profile(), f.message());
                });
                deps.notifier()
                        .notify(new Notice(
                                Notice.Kind.FAILED,
                                "Could not renew " + String.join(", ", failed),
                                r.failed().get(0).message() + ". Renewed " + String.join(", ", r.profiles()) + "; "
                                        + until));
            }
        } catch (RenewFailure f) {
            List<String> names = group.stream().map(ManagedProfile::name).toList();
            if (f.reason() == RenewFailure.Reason.CANCELLED && shown != null && shown.closedByUs) {
                log.info("prompt for {} closed: {}", names, stopping ? "the agent stops" : "renewed elsewhere");
            } else if (f.reason() == RenewFailure.Reason.CANCELLED) {
                log.info("prompt for {} cancelled: snoozed", names);
                askedFor.ifPresent(e -> state.snoozes()
                        .add(new Planner.Snooze(device, e, deps.clock().instant())));
            } else {
                names.forEach(gate::failed);
                fail(names, f.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("renewal failed unexpectedly: {}", e.getClass().getSimpleName());
        } finally {
            prompts.gone();
            group.forEach(p -> state.renewing().remove(p.name()));
            queued.remove(device);
            if (!stopping) {
                refresh.run();
            }
        }
    }

    /** After the files were read again: closes a prompt whose session was renewed elsewhere. */
    void sessionsChanged() {
        prompts.sessionsChanged();
    }

    /**
     * Starts {@code task} (a question of our own, e.g. start at login) on a thread of its own once no renewal is
     * queued and no session is due: it never opens while a code prompt is open, and a prompt due meanwhile comes
     * first. It does not hold up the worker: a prompt asked for later opens on top of it, with the focus.
     */
    void whenNoPrompt(Runnable task) {
        try {
            worker.submit(() -> {
                Instant now = deps.clock().instant();
                boolean due = state.statuses().stream().filter(s -> !chained(s)).anyMatch(s -> due(s, now));
                if (queued.isEmpty() && !due) {
                    Thread t = new Thread(task, "question");
                    t.setDaemon(true);
                    t.start();
                } else if (!stopping) {
                    CompletableFuture.runAsync(
                            () -> whenNoPrompt(task), CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS));
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void refreshRole(String name) {
        Optional<ManagedProfile> role = state.status(name).flatMap(ProfileStatus::profile);
        if (role.isEmpty()) {
            return;
        }
        if (!gate.allowed(Why.SCHEDULED, List.of(name))) {
            refresh.run();
            return;
        }
        try {
            state.renewing().add(name);
            showTray.run();
            Renewal r = deps.renewer()
                    .refreshRoles(deps.files().credentials(), List.of(role.get()), Renewer.Options.standard());
            state.failures().remove(name);
            gate.renewed(r);
            log.info("renewed role {} from its MFA session until {}", name, r.expiration());
        } catch (RenewFailure f) {
            if (f.reason() == RenewFailure.Reason.NEEDS_CODE) {
                enqueue(DeviceGroup.keyOf(role.get()), Why.SESSION_ENDED);
            } else {
                gate.failed(name);
                fail(List.of(name), f.getMessage());
            }
        } finally {
            state.renewing().remove(name);
            refresh.run();
        }
    }

    static boolean chained(ProfileStatus s) {
        return s.profile().flatMap(ManagedProfile::role).map(r -> r.chained()).orElse(false);
    }

    private void fail(List<String> names, String message) {
        log.warn("renewal of {} failed: {}", names, message);
        names.forEach(n -> state.failures().put(n, message));
        deps.notifier().notify(new Notice(Notice.Kind.FAILED, "Could not renew " + String.join(", ", names), message));
    }

    static boolean due(ProfileStatus s, Instant now) {
        return s.expiration().map(e -> !now.isBefore(e.minus(s.lead()))).orElse(false);
    }

    private static String minutes(Duration d) {
        long m = Math.max(1, d.toMinutes());
        return m + (m == 1 ? " minute" : " minutes");
    }

    /** Closes an open prompt, lets a renewal in progress finish its write; nothing new starts. */
    void stop() {
        stopping = true;
        prompts.close();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
