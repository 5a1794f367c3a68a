package dev.awsmfa.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The agent's own settings: {@code agent.properties} in the platform's config folder, each overridable by
 * an environment variable (AWS_MFA_AGENT_LEAD_MINUTES, AWS_MFA_AGENT_PROMPT, AWS_MFA_AGENT_TRAY_TYPE).
 */
public record Settings(Duration lead, Optional<String> prompt, Optional<String> trayType) {

    public static final Duration DEFAULT_LEAD = Duration.ofMinutes(10);

    public static Settings load(Path file, Map<String, String> env) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            // no settings file: defaults
        } catch (IOException e) {
            // an unreadable settings file must not stop the agent; defaults apply and the log says so
        }
        String lead = pick(env, "AWS_MFA_AGENT_LEAD_MINUTES", p, "lead_minutes");
        Duration leadTime = DEFAULT_LEAD;
        if (lead != null) {
            try {
                leadTime = Duration.ofMinutes(Long.parseLong(lead.strip()));
            } catch (NumberFormatException e) {
                leadTime = DEFAULT_LEAD;
            }
        }
        return new Settings(leadTime, Optional.ofNullable(pick(env, "AWS_MFA_AGENT_PROMPT", p, "prompt")),
                Optional.ofNullable(pick(env, "AWS_MFA_AGENT_TRAY_TYPE", p, "tray_type")));
    }

    private static String pick(Map<String, String> env, String var, Properties p, String key) {
        String v = env.get(var);
        if (v != null && !v.isBlank()) {
            return v.strip();
        }
        v = p.getProperty(key);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
