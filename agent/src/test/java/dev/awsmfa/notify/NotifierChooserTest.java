package dev.awsmfa.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.platform.Os;
import dev.awsmfa.prompt.FakeHelperRunner;
import dev.awsmfa.prompt.Host;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotifierChooserTest {

    final List<String> balloons = new ArrayList<>();
    final TrayBalloonNotifier.Balloon balloon =
            (title, body, warning) -> balloons.add(title + "|" + body + "|" + warning);

    static String mechanism(
            String os, Map<String, String> env, String[] tools, Optional<TrayBalloonNotifier.Balloon> balloon) {
        Host host = new Host(Os.of(os), env, Arrays.asList(tools)::contains, false, false);
        return new NotifierChooser(host, new FakeHelperRunner(), Clock.systemUTC())
                .choose(balloon)
                .mechanism();
    }

    static String[] tools(String... names) {
        return names;
    }

    @Test
    @DisplayName("macOS: Notification Center through osascript")
    void mac() {
        assertEquals("osascript", mechanism("Mac OS X", Map.of(), tools("osascript"), Optional.empty()));
    }

    @Test
    @DisplayName("Windows: the tray balloon when the tray has one, else only the log")
    void windows() {
        assertEquals("tray balloon", mechanism("Windows 10", Map.of(), tools(), Optional.of(balloon)));
        assertEquals("log only", mechanism("Windows 10", Map.of(), tools(), Optional.empty()));
    }

    @Test
    @DisplayName("Linux desktop: gdbus, else notify-send")
    void linux() {
        Map<String, String> x11 = Map.of("DISPLAY", ":0");
        assertEquals("gdbus", mechanism("Linux", x11, tools("gdbus", "notify-send"), Optional.of(balloon)));
        assertEquals("notify-send", mechanism("Linux", x11, tools("notify-send"), Optional.empty()));
        assertEquals(
                "gdbus",
                mechanism(
                        "Linux",
                        Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
                        tools("gdbus"),
                        Optional.empty()));
    }

    @Test
    @DisplayName("Linux with no session (SSH, a server), or no tool: only the log")
    void linuxQuiet() {
        assertEquals("log only", mechanism("Linux", Map.of(), tools("gdbus"), Optional.empty()));
        assertEquals("log only", mechanism("Linux", Map.of("DISPLAY", ":0"), tools(), Optional.empty()));
    }

    @Test
    @DisplayName("the chosen notifier never repeats a notification within ten minutes")
    void deduplicated() {
        Host host = new Host(Os.WINDOWS, Map.of(), name -> false, false, false);
        NotifierChooser.Choice c =
                new NotifierChooser(host, new FakeHelperRunner(), Clock.systemUTC()).choose(Optional.of(balloon));
        c.notifier().notify(new Notice(Notice.Kind.EXPIRED, "Expired", "dev"));
        c.notifier().notify(new Notice(Notice.Kind.EXPIRED, "Expired", "prod"));
        c.notifier().notify(new Notice(Notice.Kind.RENEWED, "Renewed", "dev"));
        assertEquals(List.of("Expired|dev|true", "Renewed|dev|false"), balloons);
    }
}
