package dev.awsmfa.credentials;

import dev.awsmfa.profile.IniFile;
import dev.awsmfa.profile.ProfileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How a rebase merges another writer's late write with the file as it is now, before our keys go back on. */
final class LateWriteMerge {
    private LateWriteMerge() {}

    /**
     * The new content: {@code late} when the file still holds what we last wrote, else {@code current} with the
     * other writer's changes carried over; then {@code edits} on top.
     */
    static byte[] merge(
            Path path,
            byte[] current,
            byte[] lastWritten,
            byte[] read,
            byte[] late,
            List<Map.Entry<String, SessionCredentials>> edits)
            throws CredentialsFileException {
        byte[] merged = Arrays.equals(current, lastWritten) ? late : carryOver(path, current, read, late);
        for (Map.Entry<String, SessionCredentials> e : edits) {
            merged = CredentialsEditor.apply(merged, e.getKey(), e.getValue());
        }
        return merged;
    }

    /** {@code current} with the keys {@code late} changed relative to {@code read}, where {@code current} kept them. */
    private static byte[] carryOver(Path path, byte[] current, byte[] read, byte[] late) {
        try {
            IniFile before = IniFile.parse(path, read);
            IniFile theirs = IniFile.parse(path, late);
            IniFile now = IniFile.parse(path, current);
            byte[] merged = current;
            for (IniFile.Section section : theirs.sections().values()) {
                Map<String, String> changed = new LinkedHashMap<>();
                for (String key : section.values().keySet()) {
                    String was = value(before, section.name(), key);
                    String value = section.get(key);
                    if (value != null && !value.equals(was) && Objects.equals(value(now, section.name(), key), was)) {
                        changed.put(key, value);
                    }
                }
                if (!changed.isEmpty()) {
                    merged = CredentialsEditor.setValues(merged, section.name(), changed);
                }
            }
            return merged;
        } catch (ProfileException e) {
            return current; // a file we cannot parse: keep what is there, as before
        }
    }

    private static String value(IniFile file, String section, String key) {
        IniFile.Section s = file.section(section);
        return s == null ? null : s.get(key);
    }
}
