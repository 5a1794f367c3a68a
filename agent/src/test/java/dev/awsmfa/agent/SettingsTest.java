package dev.awsmfa.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.settings.SettingProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    Settings load(String properties, Map<String, String> env) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, properties);
        return Settings.load(file, env);
    }

    String source() {
        return "agent.properties (" + dir.resolve("agent.properties") + ")";
    }

    @Test
    @DisplayName("'lead_minutes = 15m' is not silently 10: the key, value, file and the default used are named")
    void leadWithUnit() throws Exception {
        Settings s = load("lead_minutes = 15m\n", Map.of());
        assertEquals(Duration.ofMinutes(10), s.lead());
        assertEquals(
                List.of(new SettingProblem(
                        "lead_minutes",
                        "15m",
                        source(),
                        "not a whole number of minutes from 1 to 1440 (write 15, not 15m)",
                        "10 min (the default)")),
                s.problems());
        assertEquals(
                "lead_minutes = '15m' (" + source() + "): not a whole number of minutes from 1 to 1440 (write 15, "
                        + "not 15m); using 10 min (the default)",
                s.problems().get(0).message());
    }

    @Test
    @DisplayName("'lead_minutes = 15 # note': the comment is part of the value, and the message says so")
    void leadWithComment() throws Exception {
        Settings s = load("lead_minutes = 15 # note\n", Map.of());
        assertEquals(1, s.problems().size());
        assertEquals("15 # note", s.problems().get(0).value());
        assertTrue(
                s.problems().get(0).why().contains("a comment after a value is part of the value"),
                s.problems().toString());
    }

    @Test
    @DisplayName("a bad AWS_MFA_AGENT_* variable is named as coming from the environment")
    void environment() throws Exception {
        Settings s = load(
                "lead_minutes = 25\n", Map.of("AWS_MFA_AGENT_LEAD_MINUTES", "soon", "AWS_MFA_AGENT_PROMPT", "dialog"));
        assertEquals(Duration.ofMinutes(10), s.lead());
        assertEquals(Optional.empty(), s.prompt());
        assertEquals(
                List.of("AWS_MFA_AGENT_LEAD_MINUTES", "AWS_MFA_AGENT_PROMPT"),
                s.problems().stream().map(SettingProblem::key).toList());
        assertTrue(
                s.problems().stream().allMatch(p -> p.source().equals("environment")),
                s.problems().toString());
        assertEquals("the best prompt available here", s.problems().get(1).usedInstead());
    }

    @Test
    @DisplayName("an unknown prompt or tray name, and an unknown key, are each named with what applies instead")
    void unknownNames() throws Exception {
        Settings s = load("prompt = Zenity\ntray_type = gnome\nlead-minutes = 5\n", Map.of());
        assertEquals(Optional.of("zenity"), s.prompt(), "names are not case-sensitive");
        assertEquals(Optional.empty(), s.trayType());
        assertEquals(
                List.of("tray_type", "lead-minutes"),
                s.problems().stream().map(SettingProblem::key).toList());
        assertEquals("the tray type found for this desktop", s.problems().get(0).usedInstead());
        assertEquals("nothing (it is ignored)", s.problems().get(1).usedInstead());
    }

    @Test
    @DisplayName("a misspelt AWS_MFA_AGENT_ variable is named, not ignored in silence")
    void unknownVariable() throws Exception {
        Settings s = load("", Map.of("AWS_MFA_AGENT_LEAD_MINUTE", "30", "AWS_MFA_AGENT_DEBUG", "1", "PATH", "/bin"));
        assertEquals(
                List.of(new SettingProblem(
                        "AWS_MFA_AGENT_LEAD_MINUTE",
                        "30",
                        "environment",
                        "not a setting; the "
                                + "variables are AWS_MFA_AGENT_LEAD_MINUTES, AWS_MFA_AGENT_PROMPT, AWS_MFA_AGENT_TRAY_TYPE",
                        "nothing (it is ignored)")),
                s.problems());
    }

    @Test
    @DisplayName("a key written twice, or without a value, is named; the last value wins")
    void aKeyWrittenTwiceOrWithoutAValueIsNamed() throws Exception {
        Settings s = load("lead_minutes = 20\nprompt\nlead_minutes = 30\n", Map.of());
        assertEquals(Duration.ofMinutes(30), s.lead());
        assertEquals(Optional.empty(), s.prompt());
        String text = s.problems().toString();
        assertTrue(text.contains("set 2 times") && text.contains("the last one, 30"), text);
        assertTrue(text.contains("prompt") && text.contains("has no value"), text);
    }

    @Test
    @DisplayName("good settings give no problems; the tray names are dorkbox's own")
    void good() throws Exception {
        Settings s = load("lead_minutes = 25\nprompt = terminal\ntray_type = appindicator\n", Map.of());
        assertEquals(List.of(), s.problems());
        assertEquals(Optional.of("AppIndicator"), s.trayType());
        assertEquals(Optional.of("none"), load("tray_type = None\n", Map.of()).trayType(), "no icon at all");
        assertEquals(
                Arrays.stream(dorkbox.systemTray.SystemTray.TrayType.values())
                        .map(Enum::name)
                        .sorted()
                        .toList(),
                Settings.TRAY_TYPES.stream().sorted().toList());
    }

    @Test
    @DisplayName("no settings file: the defaults, and nothing to report")
    void noFile() {
        Settings s = Settings.load(dir.resolve("agent.properties"), Map.of());
        assertEquals(new Settings(Settings.DEFAULT_LEAD, Optional.empty(), Optional.empty(), List.of()), s);
    }

    @Test
    @DisplayName("a settings file that cannot be read is named, with the defaults used instead")
    void unreadable() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("agent.properties"));
        Settings s = Settings.load(folder, Map.of());
        assertEquals(Settings.DEFAULT_LEAD, s.lead());
        assertEquals(1, s.problems().size(), s.problems().toString());
        SettingProblem p = s.problems().get(0);
        assertEquals(
                List.of("agent.properties", folder.toString(), "the defaults for every setting"),
                List.of(p.key(), p.value(), p.usedInstead()));
        assertTrue(p.why().startsWith("cannot be read"), p.why());
    }
}
