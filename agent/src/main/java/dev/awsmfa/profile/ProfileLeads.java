package dev.awsmfa.profile;

import dev.awsmfa.settings.LeadMinutes;
import dev.awsmfa.settings.SettingProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a profile's own lead time; a bad one must not stop renewals, so it is listed, not thrown. */
final class ProfileLeads {

    /** Our own per-profile keys; the AWS CLI ignores keys it does not know. */
    static final String LEAD_KEY = "aws_mfa_agent_lead_minutes";

    private final Path configPath;
    private final Set<SettingProblem> problems = new LinkedHashSet<>();

    ProfileLeads(Path configPath) {
        this.configPath = configPath;
    }

    /** The lead in {@code text}, or null (the agent's own lead applies) with the problem recorded. */
    Duration parse(String name, String text) {
        Optional<Duration> lead = LeadMinutes.parse(text);
        if (lead.isEmpty()) {
            problems.add(new SettingProblem(
                    LEAD_KEY,
                    text,
                    "profile '" + name + "' in " + configPath,
                    LeadMinutes.why(text),
                    "the agent's lead_minutes (10 min unless set)"));
        }
        return lead.orElse(null);
    }

    /** The leads met so far that could not be used. */
    List<SettingProblem> problems() {
        return List.copyOf(problems);
    }
}
