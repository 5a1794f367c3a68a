package dev.awsmfa.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.ProfileStatus.State;
import dev.awsmfa.tray.TrayMenuItem.Action;
import dev.awsmfa.tray.TrayMenuItem.Check;
import dev.awsmfa.tray.TrayMenuItem.Separator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrayMenusTest {

    /** Tuesday 2026-03-10 12:20 UTC. */
    static final Instant NOW = TrayFixtures.NOW;

    static final ZoneId UTC = ZoneOffset.UTC;
    static final Duration LEAD = Duration.ofMinutes(15);

    static ProfileStatus status(String name, State state, Duration left) {
        return new ProfileStatus(
                name,
                Optional.empty(),
                Optional.empty(),
                state,
                Optional.ofNullable(left).map(NOW::plus),
                LEAD);
    }

    static ProfileStatus fresh(String name, Duration left) {
        return status(name, State.FRESH, left);
    }

    static ProfileStatus expiring(String name, Duration left) {
        return status(name, State.EXPIRING, left);
    }

    static ProfileStatus expired(String name) {
        return status(name, State.EXPIRED, Duration.ofMinutes(-5));
    }

    static ProfileStatus never(String name) {
        return status(name, State.NEVER_RENEWED, null);
    }

    static ProfileStatus unknown(String name) {
        return status(name, State.UNKNOWN_EXPIRY, null);
    }

    static ProfileStatus broken(String name, String problem) {
        return new ProfileStatus(
                name, Optional.empty(), Optional.ofNullable(problem), State.BROKEN, Optional.empty(), LEAD);
    }

    static Duration hm(int h, int m) {
        return Duration.ofHours(h).plusMinutes(m);
    }

    static String label(ProfileStatus s) {
        return TrayMenus.label(s, false, Optional.empty(), NOW, UTC);
    }

    static TrayModel build(
            List<ProfileStatus> statuses,
            Set<String> renewing,
            Map<String, String> failures,
            Optional<Boolean> startAtLogin,
            TrayActions actions) {
        return TrayMenus.build(statuses, renewing, failures, startAtLogin, NOW, UTC, actions);
    }

    static TrayModel build(List<ProfileStatus> statuses) {
        return build(statuses, Set.of(), Map.of(), Optional.of(false), new RecordingActions());
    }

    static Action action(TrayModel model, String labelStart) {
        return model.items().stream()
                .filter(i -> i instanceof Action a && a.label().startsWith(labelStart))
                .map(Action.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item starting '" + labelStart + "' in " + model.items()));
    }

    static List<String> shape(TrayModel model) {
        List<String> out = new ArrayList<>();
        for (TrayMenuItem item : model.items()) {
            if (item instanceof Action a) {
                out.add(a.label() + (a.enabled() ? "" : " [disabled]"));
            } else if (item instanceof Check c) {
                out.add("[" + (c.checked() ? "x" : " ") + "] " + c.label());
            } else if (item instanceof Separator) {
                out.add("---");
            } else {
                out.add(item.toString());
            }
        }
        return out;
    }

    @Nested
    @DisplayName("a profile's label")
    class Labels {
        @Test
        void freshSaysUntilWhenAndHowLongIsLeft() {
            assertEquals("dev — until 15:32, 3 h 12 m left", label(fresh("dev", hm(3, 12))));
        }

        @Test
        void freshShowsTheClockInTheGivenZone() {
            ProfileStatus s = fresh("dev", hm(3, 12));
            assertEquals(
                    "dev — until 16:32, 3 h 12 m left",
                    TrayMenus.label(s, false, Optional.empty(), NOW, ZoneId.of("Europe/Berlin")));
        }

        @Test
        void freshUntilAnotherDayNamesTheDay() {
            assertEquals("dev — until Wed 08:20, 20 h left", label(fresh("dev", hm(20, 0))));
        }

        @Test
        void timeLeftIsRoundedDown() {
            assertEquals(
                    "dev — until 15:32, 3 h 12 m left",
                    label(fresh("dev", hm(3, 12).plusSeconds(59))));
        }

        @Test
        void expiringSaysMinutesLeft() {
            assertEquals(
                    "dev — expiring: 8 m left",
                    label(expiring("dev", Duration.ofMinutes(8).plusSeconds(30))));
        }

        @Test
        void expiringInUnderAMinute() {
            assertEquals("dev — expiring: < 1 m left", label(expiring("dev", Duration.ofSeconds(40))));
        }

        @Test
        void expiredSaysSo() {
            assertEquals("dev — expired", label(expired("dev")));
        }

        @Test
        void neverRenewedSaysSo() {
            assertEquals("dev — never renewed", label(never("dev")));
        }

        @Test
        void expiryUnknownSaysSo() {
            assertEquals("dev — expiry unknown", label(unknown("dev")));
        }

        @Test
        void setupErrorShowsTheProblemShortened() {
            assertEquals("dev — setup error", label(broken("dev", null)));
            assertEquals("dev — setup error: no mfa_serial", label(broken("dev", "no mfa_serial")));
            String longProblem = "profile dev: source_profile 'base' has no aws_access_key_id\nin ~/.aws/credentials";
            String l = label(broken("dev", longProblem));
            assertTrue(l.startsWith("dev — setup error: profile dev: source_profile"), l);
            assertTrue(l.endsWith("…"), l);
            assertFalse(l.contains("\n"), l);
            assertTrue(l.length() <= "dev — setup error: ".length() + TrayMenus.MAX_REASON, l);
        }

        @Test
        void renewingWinsOverEveryState() {
            for (ProfileStatus s : List.of(
                    fresh("dev", hm(1, 0)), expiring("dev", hm(0, 3)), expired("dev"), never("dev"), unknown("dev"))) {
                assertEquals("dev — renewing…", TrayMenus.label(s, true, Optional.of("x"), NOW, UTC));
            }
        }

        @Test
        void aFailedRenewalIsAddedToTheState() {
            assertEquals(
                    "dev — expired (renewal failed: wrong MFA code)",
                    TrayMenus.label(expired("dev"), false, Optional.of("wrong MFA code"), NOW, UTC));
            assertEquals(
                    "dev — expiring: 8 m left (renewal failed: network)",
                    TrayMenus.label(expiring("dev", hm(0, 8)), false, Optional.of("network"), NOW, UTC));
        }
    }

    @Nested
    @DisplayName("the menu")
    class Menu {
        @Test
        void listsEachProfileThenTheCommands() {
            TrayModel m = build(List.of(expiring("dev", hm(0, 8)), fresh("prod", hm(3, 12))));
            assertEquals(
                    List.of(
                            "dev — expiring: 8 m left",
                            "prod — until 15:32, 3 h 12 m left",
                            "---",
                            "Renew all that expire soon",
                            "Reload",
                            "Open credentials file",
                            "[ ] Start at login",
                            "---",
                            "Quit"),
                    shape(m));
        }

        @Test
        void startAtLoginIsHiddenWhenTheOsHasNone() {
            TrayModel m = build(
                    List.of(fresh("dev", hm(3, 0))), Set.of(), Map.of(), Optional.empty(), new RecordingActions());
            assertFalse(m.items().stream().anyMatch(i -> i instanceof Check));
            assertEquals("Quit", shape(m).get(shape(m).size() - 1));
        }

        @Test
        void startAtLoginShowsItsState() {
            TrayModel m = build(List.of(), Set.of(), Map.of(), Optional.of(true), new RecordingActions());
            assertTrue(shape(m).contains("[x] Start at login"));
        }

        @Test
        void withoutProfilesSaysWhereToStart() {
            assertEquals(
                    List.of(
                            "No MFA profiles yet — see README [disabled]",
                            "---",
                            "Renew all that expire soon [disabled]",
                            "Reload",
                            "Open credentials file",
                            "[ ] Start at login",
                            "---",
                            "Quit"),
                    shape(build(List.of())));
        }

        @Test
        void aRenewingProfileIsDisabled() {
            TrayModel m = build(
                    List.of(expiring("dev", hm(0, 8))),
                    Set.of("dev"),
                    Map.of(),
                    Optional.empty(),
                    new RecordingActions());
            assertEquals("dev — renewing… [disabled]", shape(m).get(0));
        }

        @Test
        void aBrokenProfileStaysClickable() {
            assertTrue(action(build(List.of(broken("dev", "no mfa_serial"))), "dev")
                    .enabled());
        }

        @Test
        void renewAllIsEnabledOnlyWhenSomethingNeedsIt() {
            assertFalse(action(build(List.of(fresh("a", hm(2, 0)))), TrayMenus.RENEW_SOON)
                    .enabled());
            assertFalse(action(build(List.of(broken("a", "x"))), TrayMenus.RENEW_SOON)
                    .enabled());
            for (ProfileStatus s : List.of(expiring("b", hm(0, 5)), expired("b"), never("b"), unknown("b"))) {
                TrayModel m = build(List.of(fresh("a", hm(2, 0)), s));
                assertTrue(action(m, TrayMenus.RENEW_SOON).enabled(), s.state().toString());
            }
        }

        @Test
        void renewAllIsDisabledWhileTheOnlyCandidateIsRenewing() {
            TrayModel m = build(
                    List.of(expiring("dev", hm(0, 8))),
                    Set.of("dev"),
                    Map.of(),
                    Optional.empty(),
                    new RecordingActions());
            assertFalse(action(m, TrayMenus.RENEW_SOON).enabled());
        }
    }

    @Nested
    @DisplayName("clicks")
    class Clicks {
        final RecordingActions actions = new RecordingActions();
        final TrayModel model = build(
                List.of(expiring("dev", hm(0, 8)), broken("bad", "x"), fresh("prod", hm(3, 0)), expired("busy")),
                Set.of("busy"),
                Map.of(),
                Optional.of(false),
                actions);

        @Test
        void buildingCallsNothing() {
            assertEquals(List.of(), actions.calls);
        }

        @Test
        void aProfileRenewsThatProfile() {
            action(model, "dev").onClick().run();
            action(model, "prod").onClick().run();
            assertEquals(List.of("renew dev", "renew prod"), actions.calls);
        }

        @Test
        void aBrokenProfileOpensTheCredentialsFile() {
            action(model, "bad").onClick().run();
            assertEquals(List.of("openCredentials"), actions.calls);
        }

        @Test
        void aRenewingProfileDoesNothing() {
            action(model, "busy").onClick().run();
            assertEquals(List.of(), actions.calls);
        }

        @Test
        void eachCommandCallsItsAction() {
            action(model, TrayMenus.RENEW_SOON).onClick().run();
            action(model, TrayMenus.RELOAD).onClick().run();
            action(model, TrayMenus.OPEN_CREDENTIALS).onClick().run();
            action(model, TrayMenus.QUIT).onClick().run();
            assertEquals(List.of("renewExpiringSoon", "reload", "openCredentials", "quit"), actions.calls);
        }

        @Test
        void startAtLoginPassesTheNewState() {
            Check c = model.items().stream()
                    .filter(i -> i instanceof Check)
                    .map(Check.class::cast)
                    .findFirst()
                    .orElseThrow();
            c.onToggle().accept(true);
            c.onToggle().accept(false);
            assertEquals(List.of("setStartAtLogin true", "setStartAtLogin false"), actions.calls);
        }

        @Test
        void theIconRenewsTheMostUrgent() {
            model.onIconClick().orElseThrow().run();
            assertEquals(List.of("renewMostUrgent"), actions.calls);
        }

        @Test
        void theIconDoesNothingWhenNothingCanBeRenewed() {
            assertTrue(build(List.of()).onIconClick().isEmpty());
            assertTrue(build(List.of(broken("a", "x"))).onIconClick().isEmpty());
        }
    }

    @Nested
    @DisplayName("the icon state")
    class Icon {
        IconState icon(List<ProfileStatus> statuses, Set<String> renewing, Map<String, String> failures) {
            return TrayMenus.iconState(statuses, renewing, failures);
        }

        @Test
        void freshWhenAllFreshOrNothingManaged() {
            assertEquals(IconState.EXPIRING, icon(List.of(), Set.of(), Map.of()), "no profiles: amber, not all fine");
            assertEquals(
                    IconState.FRESH, icon(List.of(fresh("a", hm(1, 0)), fresh("b", hm(9, 0))), Set.of(), Map.of()));
        }

        @Test
        void expiringForExpiringNeverRenewedOrUnknown() {
            for (ProfileStatus s : List.of(expiring("b", hm(0, 5)), never("b"), unknown("b"))) {
                assertEquals(IconState.EXPIRING, icon(List.of(fresh("a", hm(1, 0)), s), Set.of(), Map.of()));
            }
        }

        @Test
        void problemForExpiredBrokenOrFailedBeatsExpiring() {
            ProfileStatus soon = expiring("a", hm(0, 5));
            assertEquals(IconState.PROBLEM, icon(List.of(soon, expired("b")), Set.of(), Map.of()));
            assertEquals(IconState.PROBLEM, icon(List.of(soon, broken("b", "x")), Set.of(), Map.of()));
            assertEquals(IconState.PROBLEM, icon(List.of(soon, fresh("b", hm(2, 0))), Set.of(), Map.of("b", "denied")));
        }

        @Test
        void renewingBeatsEverything() {
            List<ProfileStatus> all =
                    List.of(expired("a"), broken("b", "x"), expiring("c", hm(0, 1)), fresh("d", hm(1, 0)));
            assertEquals(IconState.RENEWING, icon(all, Set.of("d"), Map.of("a", "denied")));
        }

        @Test
        void failuresAndRenewalsOfUnknownProfilesAreIgnored() {
            List<ProfileStatus> one = List.of(fresh("a", hm(1, 0)));
            assertEquals(IconState.FRESH, icon(one, Set.of("gone"), Map.of("gone", "denied")));
        }

        @Test
        void theModelCarriesIt() {
            assertEquals(
                    IconState.EXPIRING, build(List.of(expiring("a", hm(0, 5)))).icon());
        }
    }

    @Nested
    @DisplayName("the tooltip")
    class Tooltip {
        String tooltip(List<ProfileStatus> statuses, Set<String> renewing, Map<String, String> failures) {
            return TrayMenus.tooltip(statuses, renewing, failures, NOW);
        }

        @Test
        void worstNewsFirstWithTheMostUrgentProfile() {
            List<ProfileStatus> s = List.of(
                    fresh("a", hm(3, 0)), expiring("dev", hm(0, 8)), fresh("b", hm(5, 0)), fresh("c", hm(9, 0)));
            assertEquals("aws-mfa-agent: 1 expiring (dev 8 m), 3 fresh", tooltip(s, Set.of(), Map.of()));
        }

        @Test
        void allFreshNamesTheNextToExpire() {
            assertEquals(
                    "aws-mfa-agent: 2 fresh (b 3 h 12 m)",
                    tooltip(List.of(fresh("a", hm(5, 0)), fresh("b", hm(3, 12))), Set.of(), Map.of()));
        }

        @Test
        void countsEachKind() {
            List<ProfileStatus> s =
                    List.of(expired("x"), expired("y"), never("n"), fresh("f", hm(4, 0)), broken("b", "p"));
            assertEquals(
                    "aws-mfa-agent: 1 renewing (f), 1 setup error, 2 expired, …", tooltip(s, Set.of("f"), Map.of()));
            assertEquals(
                    "aws-mfa-agent: 1 setup error (b), 2 expired, 1 never renewed, …", tooltip(s, Set.of(), Map.of()));
        }

        @Test
        void failedIsItsOwnKind() {
            assertEquals(
                    "aws-mfa-agent: 1 failed (dev), 1 fresh",
                    tooltip(List.of(expired("dev"), fresh("p", hm(2, 0))), Set.of(), Map.of("dev", "denied")));
        }

        @Test
        void withoutProfiles() {
            assertEquals("aws-mfa-agent: no MFA profiles yet", tooltip(List.of(), Set.of(), Map.of()));
        }

        @Test
        void aLongNameIsShortened() {
            String t =
                    tooltip(List.of(expiring("a-very-long-profile-name-for-the-team", hm(0, 3))), Set.of(), Map.of());
            assertEquals("aws-mfa-agent: 1 expiring (a-very-long-pro… 3 m)", t);
        }

        @Test
        void neverLongerThan64EvenWithFiftyLongNamedProfiles() {
            Random random = new Random(42);
            State[] states = State.values();
            for (int round = 0; round < 200; round++) {
                List<ProfileStatus> statuses = new ArrayList<>();
                Set<String> renewing = new HashSet<>();
                Map<String, String> failures = new HashMap<>();
                int n = 1 + random.nextInt(50);
                for (int i = 0; i < n; i++) {
                    String name = "organisation-production-account-" + i + "-administrator-with-mfa";
                    State st = states[random.nextInt(states.length)];
                    statuses.add(
                            st == State.BROKEN
                                    ? broken(name, "x")
                                    : status(name, st, Duration.ofMinutes(random.nextInt(2000) - 100)));
                    if (random.nextInt(10) == 0) {
                        renewing.add(name);
                    }
                    if (random.nextInt(10) == 0) {
                        failures.put(name, "denied");
                    }
                }
                String t = tooltip(statuses, renewing, failures);
                assertTrue(t.length() <= TrayModel.MAX_TOOLTIP, t.length() + ": " + t);
                assertTrue(t.startsWith("aws-mfa-agent: "), t);
                // the model accepts it (it throws beyond 64)
                TrayMenus.build(statuses, renewing, failures, Optional.of(true), NOW, UTC, new RecordingActions());
            }
        }

        @Test
        void whenPartsAreLeftOutItSaysSo() {
            List<ProfileStatus> s = new ArrayList<>();
            s.add(expired("e"));
            s.add(broken("b", "x"));
            s.add(never("n"));
            s.add(unknown("u"));
            s.add(expiring("x", hm(0, 4)));
            s.add(fresh("f", hm(4, 0)));
            String t = tooltip(s, Set.of("r"), Map.of());
            assertTrue(t.length() <= 64, t);
            assertTrue(t.endsWith(", …"), t);
            assertTrue(t.startsWith("aws-mfa-agent: 1 setup error (b), 1 expired"), t);
        }
    }

    @Nested
    @DisplayName("the most urgent profile")
    class MostUrgent {
        Optional<String> urgent(ProfileStatus... statuses) {
            return TrayMenus.mostUrgent(List.of(statuses)).map(ProfileStatus::name);
        }

        @Test
        void expiredBeforeNeverRenewedBeforeUnknownBeforeExpiringBeforeFresh() {
            assertEquals(
                    Optional.of("e"),
                    urgent(fresh("f", hm(1, 0)), expiring("x", hm(0, 1)), unknown("u"), never("n"), expired("e")));
            assertEquals(
                    Optional.of("n"), urgent(fresh("f", hm(1, 0)), expiring("x", hm(0, 1)), unknown("u"), never("n")));
            assertEquals(Optional.of("u"), urgent(fresh("f", hm(1, 0)), expiring("x", hm(0, 1)), unknown("u")));
            assertEquals(Optional.of("x"), urgent(fresh("f", hm(0, 20)), expiring("x", hm(0, 14))));
        }

        @Test
        void theEarliestExpirationWithinAKind() {
            assertEquals(
                    Optional.of("b"),
                    urgent(expiring("a", hm(0, 9)), expiring("b", hm(0, 2)), expiring("c", hm(0, 5))));
            assertEquals(Optional.of("b"), urgent(fresh("a", hm(5, 0)), fresh("b", hm(2, 0))));
        }

        @Test
        void menuOrderBreaksTies() {
            assertEquals(Optional.of("a"), urgent(never("a"), never("b")));
        }

        @Test
        void neverABrokenOne() {
            assertEquals(Optional.empty(), urgent(broken("a", "x")));
            assertEquals(Optional.of("f"), urgent(broken("a", "x"), fresh("f", hm(8, 0))));
            assertEquals(Optional.empty(), urgent());
        }
    }

    @Nested
    @DisplayName("durations")
    class Durations {
        @Test
        void roundedDownToMinutes() {
            assertEquals("< 1 m", TrayText.left(Duration.ZERO));
            assertEquals("< 1 m", TrayText.left(Duration.ofSeconds(59)));
            assertEquals("< 1 m", TrayText.left(Duration.ofMinutes(-3)));
            assertEquals("1 m", TrayText.left(Duration.ofSeconds(60)));
            assertEquals("59 m", TrayText.left(Duration.ofSeconds(3599)));
            assertEquals("1 h", TrayText.left(Duration.ofHours(1)));
            assertEquals("36 h", TrayText.left(Duration.ofHours(36)));
            assertEquals("3 h 12 m", TrayText.left(hm(3, 12).plusSeconds(59)));
        }
    }

    @Test
    void theModelRejectsATooltipDorkboxWouldThrowOn() {
        String t65 = "x".repeat(65);
        assertThrows(IllegalArgumentException.class, () -> new TrayModel(IconState.FRESH, t65, List.of()));
        assertInstanceOf(TrayModel.class, new TrayModel(IconState.FRESH, "x".repeat(64), List.of()));
    }
}
