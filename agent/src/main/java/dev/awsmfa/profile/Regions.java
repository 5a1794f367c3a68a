package dev.awsmfa.profile;

import static dev.awsmfa.profile.ConfigLookup.get;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** Picks a profile's region in the AWS CLI's order and refuses one it would refuse, naming where it came from. */
final class Regions {

    /** botocore's validate_region_name: a host label. */
    private static final Pattern REGION = Pattern.compile("(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)");

    private final Path configPath;
    private final Map<String, String> env;

    Regions(Path configPath, Map<String, String> env) {
        this.configPath = configPath;
        this.env = env;
    }

    /**
     * The region as the AWS CLI takes it (env, the profile, its source's config, {@code fallback}); one that is not
     * a host label is refused as the AWS CLI refuses it, naming where it came from (the usual cause is a comment
     * after the value, which the AWS CLI keeps as part of it).
     */
    String of(String name, IniFile.Section own, IniFile.Section sourceConfig, String fallback) throws ProfileException {
        String[][] candidates = {
            {env.get("AWS_REGION"), "AWS_REGION"},
            {env.get("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"},
            {get(own, "region"), own == null ? "" : "region in [" + own.name() + "] of " + configPath},
            {
                get(sourceConfig, "region"),
                sourceConfig == null ? "" : "region in [" + sourceConfig.name() + "] of " + configPath
            },
        };
        for (String[] c : candidates) {
            if (c[0] != null && !c[0].isBlank()) {
                String region = c[0].strip();
                if (!REGION.matcher(region).matches()) {
                    throw new ProfileException(
                            "profile '" + name + "': " + c[1] + " = '" + region + "' is not a region "
                                    + "name, and the AWS CLI refuses it too"
                                    + (region.contains("#") || region.contains(";")
                                            ? " (it keeps a comment after a value as part of the value: put the comment on its own line)"
                                            : "; write it like eu-west-1"));
                }
                return region;
            }
        }
        return fallback;
    }
}
