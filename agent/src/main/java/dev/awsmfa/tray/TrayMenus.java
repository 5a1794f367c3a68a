package dev.awsmfa.tray;

import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.ProfileStatus.State;
import dev.awsmfa.tray.TrayMenuItem.Action;
import dev.awsmfa.tray.TrayMenuItem.Check;
import dev.awsmfa.tray.TrayMenuItem.Separator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tray as a pure function of the profiles' status: no clock, no I/O, no dorkbox. Every click handler
 * it puts in the model calls exactly one {@link TrayActions} method.
 */
public final class TrayMenus {

    static final String APP = "aws-mfa-agent";
    static final String NO_PROFILES = "No MFA profiles yet — see README";
    static final String RENEW_SOON = "Renew all that expire soon";
    static final String RELOAD = "Reload";
    static final String OPEN_CREDENTIALS = "Open credentials file";
    static final String START_AT_LOGIN = "Start at login";
    static final String QUIT = "Quit";
    static final String ROLE_INDENT = "    ↳ ";

    /** Longest failure or setup-problem text shown in a menu label. */
    static final int MAX_REASON = 40;

    private TrayMenus() {}

    /**
     * The whole tray for one moment.
     *
     * @param statuses     every managed profile, in menu order
     * @param renewing     profiles with a renewal in progress
     * @param lastFailure  profile to a short reason its last renewal failed (no secrets)
     * @param startAtLogin the autostart state, or empty when this OS offers none (the item is then hidden)
     */
    public static TrayModel build(
            List<ProfileStatus> statuses,
            Set<String> renewing,
            Map<String, String> lastFailure,
            Optional<Boolean> startAtLogin,
            Instant now,
            ZoneId zone,
            TrayActions actions) {
        List<TrayMenuItem> items = new ArrayList<>();
        if (statuses.isEmpty()) {
            items.add(new Action(NO_PROFILES, false, () -> {}));
        }
        for (ProfileStatus s : underTheirDevice(statuses)) {
            Action item = profileItem(s, renewing, lastFailure, now, zone, actions);
            items.add(chained(s) ? new Action(ROLE_INDENT + item.label(), item.enabled(), item.onClick()) : item);
        }
        items.add(new Separator());
        boolean anyToRenew = statuses.stream().anyMatch(s -> needsRenewal(s.state()) && !renewing.contains(s.name()));
        items.add(new Action(RENEW_SOON, anyToRenew, actions::renewExpiringSoon));
        items.add(new Action(RELOAD, true, actions::reload));
        items.add(new Action(OPEN_CREDENTIALS, true, actions::openCredentials));
        startAtLogin.ifPresent(on -> items.add(new Check(START_AT_LOGIN, on, actions::setStartAtLogin)));
        items.add(new Separator());
        items.add(new Action(QUIT, true, actions::quit));

        Optional<Runnable> iconClick = mostUrgent(statuses).map(s -> actions::renewMostUrgent);
        return new TrayModel(
                iconState(statuses, renewing, lastFailure),
                tooltip(statuses, renewing, lastFailure, now),
                items,
                iconClick);
    }

    /** Role profiles chained from a session profile are listed right under it, indented. */
    static List<ProfileStatus> underTheirDevice(List<ProfileStatus> statuses) {
        List<ProfileStatus> ordered = new ArrayList<>();
        for (ProfileStatus s : statuses) {
            if (!chained(s)) {
                ordered.add(s);
                statuses.stream()
                        .filter(r -> chained(r) && r.profile().get().source().equals(s.name()))
                        .forEach(ordered::add);
            }
        }
        statuses.stream().filter(r -> !ordered.contains(r)).forEach(ordered::add);
        return ordered;
    }

    private static boolean chained(ProfileStatus s) {
        return s.profile().flatMap(p -> p.role()).map(r -> r.chained()).orElse(false);
    }

    private static Action profileItem(
            ProfileStatus s,
            Set<String> renewing,
            Map<String, String> lastFailure,
            Instant now,
            ZoneId zone,
            TrayActions actions) {
        String name = s.name();
        boolean busy = renewing.contains(name);
        String label = label(s, busy, Optional.ofNullable(lastFailure.get(name)), now, zone);
        if (busy) {
            return new Action(label, false, () -> {});
        }
        if (s.state() == State.BROKEN) {
            // Renewing cannot help a broken setup; the fix is in the user's files.
            return new Action(label, true, actions::openCredentials);
        }
        return new Action(label, true, () -> actions.renew(name));
    }

    /** The menu label of one profile, e.g. "dev — until 14:32, 3 h 12 m left". */
    public static String label(ProfileStatus s, boolean renewing, Optional<String> failure, Instant now, ZoneId zone) {
        String head = s.name() + " — ";
        if (renewing) {
            return head + "renewing…";
        }
        String state = switch (s.state()) {
            case FRESH ->
                s.expiration()
                        .map(e -> "until " + TrayText.clock(e, now, zone) + ", "
                                + TrayText.left(Duration.between(now, e)) + " left")
                        .orElse(s.state().label);
            case EXPIRING ->
                s.expiration()
                        .map(e -> "expiring: " + TrayText.left(Duration.between(now, e)) + " left")
                        .orElse("expiring");
            case EXPIRED -> "expired";
            case NEVER_RENEWED -> "never renewed";
            case UNKNOWN_EXPIRY -> "expiry unknown";
            case BROKEN ->
                "setup error"
                        + s.problem()
                                .map(p -> ": " + TrayText.shorten(TrayText.oneLine(p), MAX_REASON))
                                .orElse("");
        };
        String failed = failure.filter(f -> !f.isBlank())
                .map(f -> " (renewal failed: " + TrayText.shorten(TrayText.oneLine(f), MAX_REASON) + ")")
                .orElse("");
        return head + state + failed;
    }

    /** RENEWING beats PROBLEM (expired, failed, broken) beats EXPIRING (expiring, never renewed, unknown). */
    public static IconState iconState(
            List<ProfileStatus> statuses, Set<String> renewing, Map<String, String> lastFailure) {
        if (statuses.isEmpty()) {
            return IconState.EXPIRING; // nothing managed yet: something to do, not "all fine"
        }
        if (statuses.stream().anyMatch(s -> renewing.contains(s.name()))) {
            return IconState.RENEWING;
        }
        if (statuses.stream()
                .anyMatch(s ->
                        s.state() == State.EXPIRED || s.state() == State.BROKEN || lastFailure.containsKey(s.name()))) {
            return IconState.PROBLEM;
        }
        if (statuses.stream().anyMatch(s -> needsRenewal(s.state()))) {
            return IconState.EXPIRING;
        }
        return IconState.FRESH;
    }

    /**
     * The profile a click on the icon renews: expired first, then never renewed, expiry unknown, expiring,
     * fresh; within a group the earliest expiration, then menu order. Broken profiles are never picked.
     */
    public static Optional<ProfileStatus> mostUrgent(List<ProfileStatus> statuses) {
        return statuses.stream().filter(s -> s.state() != State.BROKEN).min(URGENCY);
    }

    /** The states "Renew all that expire soon" acts on. */
    public static boolean needsRenewal(State state) {
        return switch (state) {
            case EXPIRING, EXPIRED, NEVER_RENEWED, UNKNOWN_EXPIRY -> true;
            case FRESH, BROKEN -> false;
        };
    }

    private static int urgencyRank(State state) {
        return switch (state) {
            case EXPIRED -> 0;
            case NEVER_RENEWED -> 1;
            case UNKNOWN_EXPIRY -> 2;
            case EXPIRING -> 3;
            case FRESH -> 4;
            case BROKEN -> 5;
        };
    }

    // min() keeps the first of equal elements, so ties stay in menu order.
    static final Comparator<ProfileStatus> URGENCY = Comparator.comparingInt(
                    (ProfileStatus s) -> urgencyRank(s.state()))
            .thenComparing(s -> s.expiration().orElse(Instant.MAX));

    /**
     * At most {@value TrayModel#MAX_TOOLTIP} characters, worst news first, e.g.
     * "aws-mfa-agent: 1 expiring (dev 8 m), 3 fresh".
     */
    public static String tooltip(
            List<ProfileStatus> statuses, Set<String> renewing, Map<String, String> lastFailure, Instant now) {
        return TrayTooltip.of(statuses, renewing, lastFailure, now);
    }
}
