package dev.awsmfa.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/** Finds a profile's config section as botocore and the seed layout name it, so every rule reads values alike. */
final class ConfigLookup {

    private final IniFile config;
    private final Map<String, IniFile.Section> profiles;

    ConfigLookup(IniFile config, Map<String, IniFile.Section> profiles) {
        this.config = config;
        this.profiles = profiles;
    }

    /** A config section for profile {@code name}: [profile name], [default], or the seed's bare [name]. */
    IniFile.Section section(String name) {
        IniFile.Section standard = profiles.get(name);
        IniFile.Section bare = config.section(name);
        if (standard == null) {
            return bare;
        }
        if (bare == null || bare == standard || name.equals("default")) {
            return standard;
        }
        // Seed layout keeps mfa_serial in a bare [name]; the standard section wins where both set a key.
        Map<String, String> merged = new LinkedHashMap<>(bare.values());
        merged.putAll(standard.values());
        return new IniFile.Section(standard.name(), merged, standard.nested());
    }

    /** {@code key} of {@code s}, or null when there is no such section. */
    static String get(IniFile.Section s, String key) {
        return s == null ? null : s.get(key);
    }

    /** The first value that is set and not blank, stripped: how a key falls back from one place to the next. */
    static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
