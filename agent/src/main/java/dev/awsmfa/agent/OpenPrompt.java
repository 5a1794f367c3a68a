package dev.awsmfa.agent;

import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.renew.DeviceGroup;
import dev.awsmfa.status.ProfileStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The code prompt on screen, kept apart so it can close itself when its session is renewed elsewhere or on stop. */
final class OpenPrompt {

    private static final Logger log = LoggerFactory.getLogger(OpenPrompt.class);

    private final AgentState state;
    private final Clock clock;
    /** The prompt open now, for the device it asks for; null when none is. */
    private volatile Shown open;

    OpenPrompt(AgentState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** A prompt on screen: which device, the session it was opened for, and whether we closed it ourselves. */
    static final class Shown {
        final DeviceGroup.Key device;
        final Optional<Instant> session;
        final CodePrompt prompt;
        volatile boolean closedByUs;

        Shown(DeviceGroup.Key device, Optional<Instant> session, CodePrompt prompt) {
            this.device = device;
            this.session = session;
            this.prompt = prompt;
        }

        void close() {
            closedByUs = true;
            if (prompt instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.debug("closing the prompt: {}", e.toString());
                }
            }
        }
    }

    /** Records {@code prompt} as the one on screen, opened for {@code session} of {@code device}. */
    Shown opened(DeviceGroup.Key device, Optional<Instant> session, CodePrompt prompt) {
        Shown shown = new Shown(device, session, prompt);
        open = shown;
        return shown;
    }

    /** The prompt is gone (answered, cancelled or closed). */
    void gone() {
        open = null;
    }

    /** Closes the prompt on screen, if any. */
    void close() {
        Shown p = open;
        if (p != null) {
            p.close();
        }
    }

    /**
     * After the files were read again: a prompt whose session is no longer due (renewed by the terminal, another
     * tool or another prompt) closes itself, without snoozing anything.
     */
    void sessionsChanged() {
        Shown p = open;
        if (p == null || p.closedByUs) {
            return;
        }
        Instant now = clock.instant();
        List<ProfileStatus> members = state.statuses().stream()
                .filter(s -> !RenewalQueue.chained(s))
                .filter(s -> s.profile()
                        .map(m -> DeviceGroup.keyOf(m).equals(p.device))
                        .orElse(false))
                .toList();
        // A prompt from the menu may ask for a fresh session: only a session other than the one asked for counts.
        Optional<Instant> session = sessionOf(members);
        if (session.isPresent()
                && !session.equals(p.session)
                && members.stream().noneMatch(s -> RenewalQueue.due(s, now))) {
            log.info("the session a prompt asks for was renewed elsewhere: closing the prompt");
            p.close();
        }
    }

    /** The session a device's profiles hold: the earliest expiration of its non-chained members. */
    static Optional<Instant> sessionOf(List<ProfileStatus> members) {
        return members.stream()
                .filter(s -> !RenewalQueue.chained(s))
                .flatMap(s -> s.expiration().stream())
                .min(Instant::compareTo);
    }
}
