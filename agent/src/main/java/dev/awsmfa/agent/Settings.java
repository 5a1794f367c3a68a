package dev.awsmfa.agent;

import dev.awsmfa.prompt.PromptChooser;
import dev.awsmfa.settings.LeadMinutes;
import dev.awsmfa.settings.SettingProblem;
import dev.awsmfa.tray.TrayChoice;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.ini4j.Config;
import org.ini4j.Options;

/**
 * The agent's own settings: {@code agent.properties} in the platform's config folder, each overridable by
 * an environment variable (AWS_MFA_AGENT_LEAD_MINUTES, AWS_MFA_AGENT_PROMPT, AWS_MFA_AGENT_TRAY_TYPE).
 * A value that cannot be used is never dropped silently: it is listed in {@link #problems()} with what
 * applies instead.
 *
 * <p>The file is read with ini4j's {@link Options} (the design's INI library, here in its properties mode):
 * unlike {@code java.util.Properties} it keeps every value of a key written twice and tells a key written
 * without a value, so both can be reported instead of silently taking one.
 */
public record Settings(
        Duration lead, Optional<String> prompt, Optional<String> trayType, List<SettingProblem> problems) {

    public static final Duration DEFAULT_LEAD = Duration.ofMinutes(10);
    /** dorkbox's tray types (SystemTray.TrayType); a test keeps this list in step with the library. */
    public static final List<String> TRAY_TYPES =
            List.of("AutoDetect", "Gtk", "AppIndicator", "WindowsNative", "Swing", "Osx", "Awt");
    /** The names of the environment variables, in the order of the keys in agent.properties. */
    private static final Map<String, String> VARIABLES = Map.of(
            "lead_minutes",
            "AWS_MFA_AGENT_LEAD_MINUTES",
            "prompt",
            "AWS_MFA_AGENT_PROMPT",
            "tray_type",
            "AWS_MFA_AGENT_TRAY_TYPE");

    /** Variables that are not settings but are ours all the same: not reported as unknown. */
    private static final List<String> OTHER_VARIABLES =
            List.of("AWS_MFA_AGENT_DEBUG", "AWS_MFA_AGENT_REQUIRE_TOOLS", "AWS_MFA_AGENT_REQUIRE_DESKTOP");

    public Settings {
        problems = List.copyOf(problems);
    }

    /** A value as written, with where it came from: the variable, else the file. */
    private record Found(String key, String value, String source) {}

    public static Settings load(Path file, Map<String, String> env) {
        List<SettingProblem> problems = new ArrayList<>();
        String fileSource = "agent.properties (" + file + ")";
        Map<String, String> p = readFile(file, fileSource, problems);
        Duration lead = DEFAULT_LEAD;
        Optional<Found> leadText = pick(env, p, "lead_minutes", fileSource);
        if (leadText.isPresent()) {
            Optional<Duration> parsed = LeadMinutes.parse(leadText.get().value());
            if (parsed.isPresent()) {
                lead = parsed.get();
            } else {
                problems.add(problem(
                        leadText.get(),
                        LeadMinutes.why(leadText.get().value()),
                        DEFAULT_LEAD.toMinutes() + " min (the default)"));
            }
        }
        Optional<String> prompt = Optional.empty();
        Optional<Found> promptText = pick(env, p, "prompt", fileSource);
        if (promptText.isPresent()) {
            String name = promptText.get().value().toLowerCase(Locale.ROOT);
            if (PromptChooser.DRIVERS.contains(name)) {
                prompt = Optional.of(name);
            } else {
                problems.add(problem(
                        promptText.get(),
                        "not a prompt; use one of " + String.join(", ", PromptChooser.DRIVERS),
                        "the best prompt available here"));
            }
        }
        Optional<String> tray = Optional.empty();
        Optional<Found> trayText = pick(env, p, "tray_type", fileSource);
        if (trayText.isPresent()) {
            // dorkbox's types, or "none": no icon at all (TrayChoice).
            tray = Stream.concat(TRAY_TYPES.stream(), Stream.of(TrayChoice.NONE))
                    .filter(t -> t.equalsIgnoreCase(trayText.get().value()))
                    .findFirst();
            if (tray.isEmpty()) {
                problems.add(problem(
                        trayText.get(),
                        "not a tray type; use one of " + String.join(", ", TRAY_TYPES) + " or " + TrayChoice.NONE,
                        "the tray type found for this desktop"));
            }
        }
        for (String key : p.keySet()) {
            if (!VARIABLES.containsKey(key)) {
                problems.add(new SettingProblem(
                        key,
                        p.get(key),
                        fileSource,
                        "not a setting; the settings are "
                                + String.join(", ", List.of("lead_minutes", "prompt", "tray_type")),
                        "nothing (it is ignored)"));
            }
        }
        env.keySet().stream()
                .filter(v -> v.startsWith("AWS_MFA_AGENT_"))
                .sorted()
                .filter(v -> !VARIABLES.containsValue(v) && !OTHER_VARIABLES.contains(v))
                .forEach(v -> problems.add(new SettingProblem(
                        v,
                        env.get(v),
                        "environment",
                        "not a setting; the variables are "
                                + String.join(
                                        ", ",
                                        VARIABLES.values().stream().sorted().toList()),
                        "nothing (it is ignored)")));
        return new Settings(lead, prompt, tray, problems);
    }

    /**
     * The file's values, in file order; a key written twice or without a value is reported to {@code problems}.
     * ini4j is loaded only when the file exists: most users have none, and every {@code status} and
     * {@code renew} reads this.
     */
    private static Map<String, String> readFile(Path file, String fileSource, List<SettingProblem> problems) {
        Options p = null;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p = new Options();
            Config config = p.getConfig().clone();
            config.setEscape(false); // a backslash in a value is the user's, not an escape
            p.setConfig(config);
            p.load(in);
        } catch (NoSuchFileException e) {
            return Map.of(); // no settings file: defaults
        } catch (IOException | RuntimeException e) {
            // An unreadable file must not stop the agent: defaults apply (or what was read before the error),
            // and the problem is said.
            problems.add(new SettingProblem(
                    "agent.properties",
                    file.toString(),
                    "the agent's config folder",
                    "cannot be read (" + e.getMessage() + ")",
                    "the defaults for every setting"));
        }
        if (p == null) {
            return Map.of();
        }
        for (String key : Set.copyOf(p.keySet())) {
            if (p.length(key) > 1) {
                problems.add(new SettingProblem(
                        key,
                        String.join(" / ", p.getAll(key)),
                        fileSource,
                        "set " + p.length(key) + " times",
                        "the last one, " + p.get(key)));
            }
            if (p.get(key) == null) {
                p.remove(key);
                problems.add(new SettingProblem(
                        key, "", fileSource, "has no value (write " + key + " = VALUE)", "the default"));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : p.keySet()) {
            values.put(key, p.get(key));
        }
        return values;
    }

    private static SettingProblem problem(Found found, String why, String instead) {
        return new SettingProblem(found.key(), found.value(), found.source(), why, instead);
    }

    private static Optional<Found> pick(Map<String, String> env, Map<String, String> p, String key, String fileSource) {
        String var = VARIABLES.get(key);
        String v = env.get(var);
        if (v != null && !v.isBlank()) {
            return Optional.of(new Found(var, v.strip(), "environment"));
        }
        v = p.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(new Found(key, v.strip(), fileSource));
    }
}
