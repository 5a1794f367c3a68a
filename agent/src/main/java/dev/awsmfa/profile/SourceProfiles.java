package dev.awsmfa.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Follows source_profile to the long-term keys, so each way a chain can be wrong gets its own fix. */
final class SourceProfiles {

    static final String LONG_TERM_SUFFIX = "-long-term";

    private final IniFile credentials;
    private final Path credentialsPath;
    private final ConfigLookup config;

    SourceProfiles(IniFile credentials, Path credentialsPath, ConfigLookup config) {
        this.credentials = credentials;
        this.credentialsPath = credentialsPath;
        this.config = config;
    }

    /** Is {@code name} a profile we keep an MFA session in (so a role can chain from it)? */
    boolean isSessionProfile(String name) {
        if (name == null) {
            return false;
        }
        IniFile.Section section = config.section(name);
        return credentials.section(name + LONG_TERM_SUFFIX) != null
                || (section != null
                        && section.get("source_profile") != null
                        && section.get(RoleTargets.ROLE_ARN_KEY) == null);
    }

    /** Follows source_profile until a credentials section with long-term keys, refusing cycles. */
    String find(String name, IniFile.Section own) throws ProfileException {
        List<String> chain = new ArrayList<>(List.of(name));
        String current = own.get("source_profile");
        while (true) {
            if (chain.contains(current)) {
                chain.add(current);
                throw new ProfileException("profile '" + name + "': source_profile goes round in a cycle ("
                        + String.join(" -> ", chain) + "); point source_profile at the profile that holds "
                        + "your long-term keys in " + credentialsPath);
            }
            chain.add(current);
            IniFile.Section creds = credentials.section(current);
            if (creds != null && creds.get("aws_access_key_id") != null && creds.get("aws_session_token") == null) {
                return current;
            }
            IniFile.Section next = config.section(current);
            if (next != null && next.get("source_profile") != null && creds == null) {
                current = next.get("source_profile");
                continue;
            }
            if (creds == null && next == null) {
                throw new ProfileException("profile '" + name + "': its source_profile '" + current
                        + "' does not exist; add [" + current + "] with aws_access_key_id and aws_secret_access_key to "
                        + credentialsPath);
            }
            if (creds != null && creds.get("aws_session_token") != null) {
                throw new ProfileException("profile '" + name + "': source profile '" + current
                        + "' holds temporary session credentials, not long-term keys; point source_profile at "
                        + "the profile with your IAM user's access key");
            }
            throw new ProfileException("profile '" + name + "': source profile '" + current
                    + "' has no long-term keys; add aws_access_key_id and aws_secret_access_key under ["
                    + current + "] in " + credentialsPath);
        }
    }

    /** The long-term keys in {@code section}, or which keys to add. */
    LongTermKeys keysOf(String sectionName, IniFile.Section section) throws ProfileException {
        String id = section.get("aws_access_key_id");
        String secret = section.get("aws_secret_access_key");
        if (id == null || secret == null) {
            throw new ProfileException("[" + sectionName + "] in " + credentialsPath + " has no long-term keys; "
                    + "add aws_access_key_id and aws_secret_access_key");
        }
        return new LongTermKeys(id, secret);
    }
}
