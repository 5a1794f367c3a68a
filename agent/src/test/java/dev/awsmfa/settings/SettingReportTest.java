package dev.awsmfa.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.notify.Notice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettingReportTest {
    final List<Notice> shown = new ArrayList<>();
    final SettingReport report = new SettingReport(shown::add);
    final SettingProblem lead = new SettingProblem("lead_minutes", "15m", "environment", "not minutes", "10 min");
    final SettingProblem tray = new SettingProblem("tray_type", "gnome", "environment", "not a tray", "auto");

    @Test
    @DisplayName("one notification naming the problem; the same problem again is not repeated")
    void once() {
        report.report(List.of(lead));
        report.report(List.of(lead));
        assertEquals(
                List.of(new Notice(
                        Notice.Kind.INFO,
                        "A setting is not understood",
                        "lead_minutes = '15m' (environment): not minutes; using 10 min")),
                shown);
    }

    @Test
    @DisplayName("several new problems make one notification that names each key")
    void several() {
        assertEquals(List.of(lead), report.report(List.of(lead)));
        assertEquals(List.of(tray), report.report(List.of(lead, tray)));
        assertEquals(2, shown.size());
        SettingReport fresh = new SettingReport(shown::add);
        fresh.report(List.of(lead, tray));
        assertEquals(
                new Notice(
                        Notice.Kind.INFO,
                        "2 settings are not understood",
                        "lead_minutes; tray_type. Details: aws-mfa-agent status"),
                shown.get(2));
    }

    @Test
    @DisplayName("nothing to say: no notification")
    void none() {
        report.report(List.of());
        assertEquals(List.of(), shown);
    }
}
