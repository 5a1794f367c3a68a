package dev.awsmfa.agent;

import dev.awsmfa.notify.Notice;
import dev.awsmfa.notify.Notifier;
import dev.awsmfa.renew.Renewal;
import dev.awsmfa.schedule.CallBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The call budget as the renewal queue asks it, with the one notice told when automatic renewal stops. */
final class BudgetGate {

    private static final Logger log = LoggerFactory.getLogger(BudgetGate.class);

    private final CallBudget budget;
    private final AgentState state;
    private final Notifier notifier;
    private final Clock clock;
    /** Profiles whose stop at the hourly ceiling was told in a notice (told once, until a click clears it). */
    private final Set<String> stopTold = ConcurrentHashMap.newKeySet();

    BudgetGate(CallBudget budget, AgentState state, Notifier notifier, Clock clock) {
        this.budget = budget;
        this.state = state;
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * Asks the budget whether an automatic renewal of {@code names} may happen now; a click always may. At
     * the hourly ceiling the profiles show as failed in the tray, and one notice says so.
     */
    boolean allowed(RenewalQueue.Why why, List<String> names) {
        if (why == RenewalQueue.Why.CLICK) {
            budget.manual(names);
            stopTold.removeAll(names);
            return true;
        }
        CallBudget.Verdict verdict = budget.tryAutomatic(names);
        if (verdict == CallBudget.Verdict.TOO_EARLY) {
            log.info("automatic renewal of {} waits for its budget", names);
        } else if (verdict == CallBudget.Verdict.STOPPED) {
            String message = "automatic renewal stopped after " + budget.rules().hourlyCeiling()
                    + " attempts within an hour; click Renew to start again";
            names.forEach(n -> state.failures().put(n, message));
            log.warn("{}: {}", names, message);
            if (stopTold.addAll(names)) {
                notifier.notify(
                        new Notice(Notice.Kind.FAILED, "Stopped renewing " + String.join(", ", names), message + "."));
            }
        }
        return verdict == CallBudget.Verdict.ALLOWED;
    }

    /** Tells the budget what each profile got, so the next automatic call waits for half of it. */
    void renewed(Renewal r) {
        Instant now = clock.instant();
        r.written().forEach(w -> budget.succeeded(w.profile(), Duration.between(now, w.expiration())));
    }

    /** Tells the budget the renewal of {@code name} failed. */
    void failed(String name) {
        budget.failed(name);
    }
}
