package dev.awsmfa.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Os;
import dev.awsmfa.status.ProfileStatus;
import dorkbox.systemTray.Checkbox;
import dorkbox.systemTray.Entry;
import dorkbox.systemTray.Menu;
import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.Separator;
import java.awt.GraphicsEnvironment;
import java.awt.event.ActionEvent;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** DorkboxTray without a display: type choice, the headless path, and the menu binding on a detached menu. */
class DorkboxTrayTest {

    @BeforeAll
    static void noUpdateCheckInTheTestJvm() {
        DorkboxStart.disableDorkboxUpdates();
    }

    @Nested
    @DisplayName("the tray type")
    class Type {
        @Test
        void isParsedInAnyCase() {
            assertEquals("Gtk", DorkboxStart.trayType("gtk").name());
            assertEquals("Swing", DorkboxStart.trayType(" SWING ").name());
            assertEquals("AppIndicator", DorkboxStart.trayType("appindicator").name());
            assertEquals("AutoDetect", DorkboxStart.trayType(null).name());
            assertEquals("AutoDetect", DorkboxStart.trayType("").name());
        }

        @Test
        void anUnknownOneNamesTheKnownOnes() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> DorkboxStart.trayType("kde"));
            assertTrue(e.getMessage().contains("Swing") && e.getMessage().contains("Gtk"), e.getMessage());
        }

        @Test
        void windowsDefaultsToSwingForItsBalloonsElsewhereDorkboxDecides() {
            assertEquals(Optional.of("Swing"), DorkboxStart.defaultType(Os.WINDOWS));
            assertEquals(Optional.empty(), DorkboxStart.defaultType(Os.LINUX));
            assertEquals(Optional.empty(), DorkboxStart.defaultType(Os.MAC));
        }
    }

    @Test
    void gtkMenusShowUnderscoresLiterally() {
        assertEquals(
                "dev__admin — expired",
                DorkboxStart.labelsFor(DorkboxStart.trayType("Gtk")).apply("dev_admin — expired"));
        assertEquals(
                "dev__admin",
                DorkboxStart.labelsFor(DorkboxStart.trayType("AppIndicator")).apply("dev_admin"));
        assertEquals(
                "dev_admin",
                DorkboxStart.labelsFor(DorkboxStart.trayType("Swing")).apply("dev_admin"));
    }

    @Test
    void withoutADisplayOpenIsEmptyAndTheUpdateCheckIsOff() {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "this JVM has a display");
        assertEquals(Optional.empty(), DorkboxTray.open("test", Duration.ofSeconds(5), "Swing", Runnable::run));
        assertEquals("false", System.getProperty("dorkbox.updates.Updates.ENABLE"));
        assertFalse(dorkbox.updates.Updates.INSTANCE.getENABLE());
    }

    @Nested
    @DisplayName("the menu binding")
    class Binding {
        final Menu menu = new Menu();
        final List<Runnable> handedOver = new ArrayList<>();
        final MenuBinder binder = new MenuBinder(menu, handedOver::add, s -> s);
        final RecordingActions actions = new RecordingActions();

        TrayModel model(List<ProfileStatus> statuses, Set<String> renewing, Optional<Boolean> startAtLogin) {
            return TrayMenus.build(
                    statuses, renewing, Map.of(), startAtLogin, TrayFixtures.NOW, ZoneOffset.UTC, actions);
        }

        List<String> shown() {
            List<String> out = new ArrayList<>();
            for (Entry e : menu.getEntries()) {
                if (e instanceof Checkbox c) {
                    out.add("[" + (c.getChecked() ? "x" : " ") + "] " + c.getText());
                } else if (e instanceof MenuItem m) {
                    out.add(m.getText() + (m.getEnabled() ? "" : " [disabled]"));
                } else if (e instanceof Separator) {
                    out.add("---");
                }
            }
            return out;
        }

        void click(int index) {
            Entry e = menu.getEntries().get(index);
            if (e instanceof Checkbox c) {
                c.setChecked(!c.getChecked()); // as dorkbox does before calling back
                c.getCallback().actionPerformed(new ActionEvent(c, ActionEvent.ACTION_PERFORMED, ""));
            } else {
                ((MenuItem) e).getCallback().actionPerformed(new ActionEvent(e, ActionEvent.ACTION_PERFORMED, ""));
            }
        }

        void runHandedOver() {
            List<Runnable> now = new ArrayList<>(handedOver);
            handedOver.clear();
            now.forEach(Runnable::run);
        }

        @Test
        void showsTheModel() {
            binder.show(model(
                            List.of(TrayFixtures.expiring("dev", 8), TrayFixtures.fresh("prod", 192)),
                            Set.of(),
                            Optional.of(true))
                    .items());
            assertEquals(
                    List.of(
                            "dev — expiring: 8 m left",
                            "prod — until 15:32, 3 h 12 m left",
                            "---",
                            "Renew all that expire soon",
                            "Reload",
                            "Open credentials file",
                            "[x] Start at login",
                            "---",
                            "Quit"),
                    shown());
        }

        @Test
        void aClickIsHandedOverNotRunOnDorkboxsThread() {
            binder.show(model(List.of(TrayFixtures.expiring("dev", 8)), Set.of(), Optional.empty())
                    .items());
            click(0);
            assertEquals(List.of(), actions.calls, "ran on the callback thread");
            assertEquals(1, handedOver.size());
            runHandedOver();
            assertEquals(List.of("renew dev"), actions.calls);
        }

        @Test
        void aNewModelOfTheSameShapeUpdatesTheEntriesInPlace() {
            binder.show(model(List.of(TrayFixtures.expiring("dev", 8)), Set.of(), Optional.of(false))
                    .items());
            List<Entry> before = List.copyOf(menu.getEntries());
            RecordingActions later = new RecordingActions();
            binder.show(TrayMenus.build(
                            List.of(TrayFixtures.expiring("dev", 8)),
                            Set.of("dev"),
                            Map.of(),
                            Optional.of(true),
                            TrayFixtures.NOW,
                            ZoneOffset.UTC,
                            later)
                    .items());
            for (int i = 0; i < before.size(); i++) {
                assertSame(before.get(i), menu.getEntries().get(i));
            }
            assertEquals("dev — renewing… [disabled]", shown().get(0));
            assertTrue(shown().contains("[x] Start at login"), shown().toString());
            click(3); // Reload: the new model's handler runs
            runHandedOver();
            assertEquals(List.of("reload"), later.calls);
            assertEquals(List.of(), actions.calls);
        }

        @Test
        void aNewModelOfAnotherShapeRebuildsTheMenu() {
            binder.show(model(List.of(TrayFixtures.expiring("dev", 8)), Set.of(), Optional.empty())
                    .items());
            binder.show(model(
                            List.of(TrayFixtures.expiring("dev", 8), TrayFixtures.fresh("prod", 60)),
                            Set.of(),
                            Optional.empty())
                    .items());
            assertEquals(
                    List.of(
                            "dev — expiring: 8 m left",
                            "prod — until 13:20, 1 h left",
                            "---",
                            "Renew all that expire soon",
                            "Reload",
                            "Open credentials file",
                            "---",
                            "Quit"),
                    shown());
            binder.show(model(List.of(), Set.of(), Optional.empty()).items());
            assertEquals("No MFA profiles yet — see README [disabled]", shown().get(0));
            assertEquals(7, shown().size());
        }

        @Test
        void theCheckboxReportsEachChangeOnceThoughGtkCallsBackTwice() {
            binder.show(model(List.of(), Set.of(), Optional.of(false)).items());
            int check = shown().indexOf("[ ] Start at login");
            click(check);
            Checkbox box = (Checkbox) menu.getEntries().get(check);
            box.getCallback().actionPerformed(new ActionEvent(box, ActionEvent.ACTION_PERFORMED, "")); // the echo
            runHandedOver();
            assertEquals(List.of("setStartAtLogin true"), actions.calls);
            click(check);
            runHandedOver();
            assertEquals(List.of("setStartAtLogin true", "setStartAtLogin false"), actions.calls);
        }
    }
}
