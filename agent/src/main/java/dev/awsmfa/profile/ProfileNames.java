package dev.awsmfa.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which config sections are profiles, as botocore's {@code build_profile_map} decides: {@code [default]}, and a
 * section starting with "profile" that Python's {@code shlex.split} cuts into exactly two words ({@code [profile
 * dev]}, {@code [profile\tdev]}, {@code [profile "my dev"]}). When two sections give one name ({@code [default]}
 * and {@code [profile default]}), the later one in the file wins.
 */
public final class ProfileNames {
    private ProfileNames() {}

    public static Map<String, IniFile.Section> profiles(IniFile config) {
        Map<String, IniFile.Section> profiles = new LinkedHashMap<>();
        for (IniFile.Section s : config.sections().values()) {
            profileName(s.name()).ifPresent(name -> {
                profiles.put(name, s); // as a Python dict: the later value, in the first one's place
            });
        }
        return profiles;
    }

    static Optional<String> profileName(String section) {
        if (section.equals("default")) {
            return Optional.of("default");
        }
        if (!section.startsWith("profile")) {
            return Optional.empty();
        }
        // The usual "profile name" (plain characters, no quote, backslash or trailing space) is what shlex gives
        // without its word-by-word copy: a config with 1,000 profiles has 1,000 of them.
        int n = section.length();
        int i = "profile".length();
        if (i < n && shlexSpace(section.charAt(i))) {
            while (i < n && shlexSpace(section.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < n && plain(section.charAt(j))) {
                j++;
            }
            if (j == n && j > i) {
                return Optional.of(section.substring(i));
            }
        }
        List<String> parts = shlexSplit(section);
        return parts != null && parts.size() == 2 ? Optional.of(parts.get(1)) : Optional.empty();
    }

    private static boolean shlexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean plain(char c) {
        return !shlexSpace(c) && c != '\'' && c != '"' && c != '\\';
    }

    /** Python's {@code shlex.split(s)} (POSIX mode, no comments); null where it raises (an open quote or escape). */
    static List<String> shlexSplit(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                    word.append(s.charAt(++i));
                } else if (c == '\\' && i + 1 == s.length()) {
                    return null;
                } else {
                    word.append(c);
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == s.length()) {
                    return null;
                }
                word.append(s.charAt(++i));
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return null;
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
