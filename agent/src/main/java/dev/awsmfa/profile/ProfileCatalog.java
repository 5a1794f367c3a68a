package dev.awsmfa.profile;

import dev.awsmfa.settings.LeadMinutes;
import dev.awsmfa.settings.SettingProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The user's config and credentials files, read once, and the MFA profiles they define. */
public final class ProfileCatalog {

    public static final int DEFAULT_DURATION = 43_200;
    public static final int MIN_DURATION = 900;
    public static final int MAX_DURATION = 129_600;
    static final String LONG_TERM_SUFFIX = "-long-term";
    /** Our own per-profile keys; the AWS CLI ignores keys it does not know. */
    public static final String LEAD_KEY = "aws_mfa_agent_lead_minutes";

    public static final String MFA_PROCESS_KEY = "mfa_process";
    /** Our role key: the AWS CLI must not see role_arn, or it would assume the role (and prompt) itself. */
    public static final String ROLE_ARN_KEY = "aws_mfa_agent_role_arn";
    /** aws-mfa's role key in a -long-term section. */
    static final String AWS_MFA_ROLE_KEY = "assume_role";

    static final String DEFAULT_ROLE_SESSION_NAME = "aws-mfa-agent";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern SERIAL =
            Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:(mfa|u2f)/[\\w+=,.@/-]+|[A-Z0-9]{9,20}");
    /** botocore's validate_region_name: a host label. */
    private static final Pattern REGION = Pattern.compile("(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)");

    private final AwsFiles files;
    private final IniFile config;
    private final IniFile credentials;
    private final Map<String, String> env;
    private final Map<String, IniFile.Section> profiles;
    private final Set<SettingProblem> settingProblems = new LinkedHashSet<>();

    private ProfileCatalog(AwsFiles files, IniFile config, IniFile credentials, Map<String, String> env) {
        this.files = files;
        this.config = config;
        this.credentials = credentials;
        this.env = env;
        this.profiles = ProfileNames.profiles(config);
    }

    public static ProfileCatalog load(AwsFiles files, Map<String, String> env) throws ProfileException {
        return new ProfileCatalog(files, IniFile.read(files.config()), IniFile.read(files.credentials()), env);
    }

    public AwsFiles files() {
        return files;
    }

    public IniFile credentials() {
        return credentials;
    }

    /** The config file's profiles by name, as botocore maps its sections ({@link ProfileNames}). */
    public Map<String, IniFile.Section> configProfiles() {
        return profiles;
    }

    /** Names of every profile that looks MFA-managed, in file order (config first). */
    public List<String> managedNames() {
        Set<String> names = new LinkedHashSet<>();
        profiles.forEach((name, s) -> {
            if (s.get("source_profile") != null && s.get("role_arn") == null) {
                names.add(name);
            }
        });
        for (String section : credentials.sections().keySet()) {
            if (section.endsWith(LONG_TERM_SUFFIX) && section.length() > LONG_TERM_SUFFIX.length()) {
                names.add(section.substring(0, section.length() - LONG_TERM_SUFFIX.length()));
            }
        }
        return List.copyOf(names);
    }

    /** Resolves {@code name} to everything a renewal needs, or says in one line what is missing and how to fix it. */
    public ManagedProfile resolve(String name) throws ProfileException {
        IniFile.Section longTerm = credentials.section(name + LONG_TERM_SUFFIX);
        IniFile.Section own = configSection(name);
        if (longTerm != null) {
            String serial = first(longTerm.get("aws_mfa_device"), longTerm.get("mfa_serial"), get(own, "mfa_serial"));
            Optional<RoleTarget> role = Optional.ofNullable(longTerm.get(AWS_MFA_ROLE_KEY))
                    .map(arn -> new RoleTarget(arn, Optional.empty(), DEFAULT_ROLE_SESSION_NAME, 0, Optional.empty()));
            return build(
                    name, Layout.LONG_TERM_SUFFIX, longTerm.name(), keysOf(name, longTerm), serial, own, null, role);
        }
        if (own == null) {
            if (credentials.section(name) != null) {
                throw new ProfileException("profile '" + name + "' has no MFA setup: add [profile " + name
                        + "] with source_profile and mfa_serial to " + files.config()
                        + ", or [" + name + LONG_TERM_SUFFIX + "] with your keys and aws_mfa_device to "
                        + files.credentials());
            }
            throw new ProfileException("profile '" + name + "' not found in " + files.config() + " or "
                    + files.credentials() + "; check the name (aws-mfa-agent status lists the profiles)");
        }
        if (own.get("role_arn") != null) {
            throw new ProfileException("profile '" + name + "' is a role profile (role_arn); renew the MFA profile "
                    + "it comes from instead");
        }
        if (own.get("source_profile") == null) {
            throw new ProfileException("profile '" + name + "' has no source_profile: add source_profile = <profile "
                    + "with your long-term keys> under [profile " + name + "] in " + files.config());
        }
        if (own.get(ROLE_ARN_KEY) != null && isSessionProfile(own.get("source_profile"))) {
            return chainedRole(name, own);
        }
        String sourceName = findSource(name, own);
        IniFile.Section source = credentials.section(sourceName);
        IniFile.Section sourceConfig = configSection(sourceName);
        Layout layout = get(own, "mfa_serial") == null
                        && config.section(sourceName) != null
                        && config.section(sourceName).get("mfa_serial") != null
                ? Layout.SEED
                : Layout.STANDARD;
        String serial = first(
                get(own, "mfa_serial"),
                get(sourceConfig, "mfa_serial"),
                source.get("aws_mfa_device"),
                source.get("mfa_serial"));
        Optional<RoleTarget> role = Optional.ofNullable(own.get(ROLE_ARN_KEY))
                .map(arn -> new RoleTarget(arn, Optional.empty(), "", 0, Optional.empty()));
        return build(name, layout, sourceName, keysOf(sourceName, source), serial, own, sourceConfig, role);
    }

    /** Is {@code name} a profile we keep an MFA session in (so a role can chain from it)? */
    private boolean isSessionProfile(String name) {
        if (name == null) {
            return false;
        }
        IniFile.Section config = configSection(name);
        return credentials.section(name + LONG_TERM_SUFFIX) != null
                || (config != null && config.get("source_profile") != null && config.get(ROLE_ARN_KEY) == null);
    }

    /** A role assumed from the MFA session of its source_profile: same device, no code of its own. */
    private ManagedProfile chainedRole(String name, IniFile.Section own) throws ProfileException {
        String sessionName = own.get("source_profile");
        ManagedProfile session = resolve(sessionName);
        if (session.role().isPresent()) {
            throw new ProfileException("profile '" + name + "': its source_profile '" + sessionName
                    + "' is a role profile; point source_profile at the MFA session profile instead");
        }
        RoleTarget role = role(name, own, own.get(ROLE_ARN_KEY), Optional.of(sessionName));
        Optional<Duration> lead = Optional.ofNullable(get(own, LEAD_KEY))
                .map(v -> parseLead(name, v))
                .or(session::lead);
        String region = region(name, own, null, session.region());
        return new ManagedProfile(
                name,
                session.layout(),
                sessionName,
                session.keys(),
                session.mfaSerial(),
                session.durationSeconds(),
                region,
                session.endpoint(),
                lead,
                session.mfaProcess(),
                Optional.of(role));
    }

    private RoleTarget role(String name, IniFile.Section own, String arn, Optional<String> sessionProfile)
            throws ProfileException {
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw new ProfileException("profile '" + name + "': " + ROLE_ARN_KEY + " '" + arn
                    + "' is not a role ARN; write it like arn:aws:iam::123456789012:role/NAME");
        }
        String text = get(own, "duration_seconds");
        int duration = RoleTarget.DEFAULT_DURATION;
        if (text != null) {
            try {
                duration = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new ProfileException(
                        "duration_seconds = " + text + " for profile '" + name + "' is not a whole number of seconds");
            }
        }
        if (duration < MIN_DURATION) {
            throw new ProfileException("duration_seconds = " + duration + " for role profile '" + name
                    + "' is below the 900 s AWS accepts; use 900 to 3600");
        }
        if (sessionProfile.isPresent() && duration > RoleTarget.CHAINING_MAX) {
            throw new ProfileException("profile '" + name + "': duration_seconds = " + duration + " is more than the "
                    + "1 hour AWS allows for a role assumed from an MFA session (role chaining); use 3600 or less, or "
                    + "set source_profile to your long-term profile and mfa_serial for direct AssumeRole with MFA");
        }
        return new RoleTarget(
                arn,
                Optional.ofNullable(get(own, "external_id")),
                first(get(own, "role_session_name"), DEFAULT_ROLE_SESSION_NAME),
                duration,
                sessionProfile);
    }

    /** Follows source_profile until a credentials section with long-term keys, refusing cycles. */
    private String findSource(String name, IniFile.Section own) throws ProfileException {
        List<String> chain = new ArrayList<>(List.of(name));
        String current = own.get("source_profile");
        while (true) {
            if (chain.contains(current)) {
                chain.add(current);
                throw new ProfileException("profile '" + name + "': source_profile goes round in a cycle ("
                        + String.join(" -> ", chain) + "); point source_profile at the profile that holds "
                        + "your long-term keys in " + files.credentials());
            }
            chain.add(current);
            IniFile.Section creds = credentials.section(current);
            if (creds != null && creds.get("aws_access_key_id") != null && creds.get("aws_session_token") == null) {
                return current;
            }
            IniFile.Section next = configSection(current);
            if (next != null && next.get("source_profile") != null && creds == null) {
                current = next.get("source_profile");
                continue;
            }
            if (creds == null && next == null) {
                throw new ProfileException("profile '" + name + "': its source_profile '" + current
                        + "' does not exist; add [" + current + "] with aws_access_key_id and aws_secret_access_key to "
                        + files.credentials());
            }
            if (creds != null && creds.get("aws_session_token") != null) {
                throw new ProfileException("profile '" + name + "': source profile '" + current
                        + "' holds temporary session credentials, not long-term keys; point source_profile at "
                        + "the profile with your IAM user's access key");
            }
            throw new ProfileException("profile '" + name + "': source profile '" + current
                    + "' has no long-term keys; add aws_access_key_id and aws_secret_access_key under ["
                    + current + "] in " + files.credentials());
        }
    }

    private LongTermKeys keysOf(String sectionName, IniFile.Section section) throws ProfileException {
        String id = section.get("aws_access_key_id");
        String secret = section.get("aws_secret_access_key");
        if (id == null || secret == null) {
            throw new ProfileException("[" + sectionName + "] in " + files.credentials() + " has no long-term keys; "
                    + "add aws_access_key_id and aws_secret_access_key");
        }
        return new LongTermKeys(id, secret);
    }

    private ManagedProfile build(
            String name,
            Layout layout,
            String source,
            LongTermKeys keys,
            String serial,
            IniFile.Section own,
            IniFile.Section sourceConfig,
            Optional<RoleTarget> roleArn)
            throws ProfileException {
        if (serial == null) {
            throw new ProfileException("profile '" + name + "' has no MFA device: add mfa_serial = "
                    + "arn:aws:iam::ACCOUNT:mfa/USER under [profile " + name + "] in " + files.config());
        }
        if (!SERIAL.matcher(serial).matches()) {
            throw new ProfileException("profile '" + name + "': mfa_serial '" + serial + "' is not an MFA device "
                    + "ARN; copy it from the IAM console, like arn:aws:iam::123456789012:mfa/USER");
        }
        Optional<RoleTarget> role = Optional.empty();
        if (roleArn.isPresent()) {
            role = Optional.of(role(name, own, roleArn.get().roleArn(), Optional.empty()));
        }
        String durationText =
                role.isPresent() ? null : first(get(own, "duration_seconds"), get(sourceConfig, "duration_seconds"));
        int duration = durationText == null ? DEFAULT_DURATION : parseDuration(name, durationText);
        String region = region(name, own, sourceConfig, "us-east-1");
        Optional<Duration> lead = Optional.ofNullable(first(get(own, LEAD_KEY), get(sourceConfig, LEAD_KEY)))
                .map(v -> parseLead(name, v));
        Optional<String> process =
                Optional.ofNullable(first(get(own, MFA_PROCESS_KEY), get(sourceConfig, MFA_PROCESS_KEY)));
        return new ManagedProfile(
                name,
                layout,
                source,
                keys,
                serial,
                duration,
                region,
                endpoint(name, own, sourceConfig, region),
                lead,
                process,
                role);
    }

    public static int checkDuration(String profile, int seconds) throws ProfileException {
        if (seconds < MIN_DURATION || seconds > MAX_DURATION) {
            throw new ProfileException("duration " + seconds + " s for profile '" + profile + "' is out of range: "
                    + "GetSessionToken accepts " + MIN_DURATION + " to " + MAX_DURATION + " seconds (15 min to 36 h)");
        }
        return seconds;
    }

    /**
     * The region as the AWS CLI takes it (env, the profile, its source's config, {@code fallback}); one that is not
     * a host label is refused as the AWS CLI refuses it, naming where it came from (the usual cause is a comment
     * after the value, which the AWS CLI keeps as part of it).
     */
    private String region(String name, IniFile.Section own, IniFile.Section sourceConfig, String fallback)
            throws ProfileException {
        String[][] candidates = {
            {env.get("AWS_REGION"), "AWS_REGION"},
            {env.get("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"},
            {get(own, "region"), own == null ? "" : "region in [" + own.name() + "] of " + files.config()},
            {
                get(sourceConfig, "region"),
                sourceConfig == null ? "" : "region in [" + sourceConfig.name() + "] of " + files.config()
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

    private static int parseDuration(String name, String text) throws ProfileException {
        try {
            return checkDuration(name, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new ProfileException("duration_seconds = " + text + " for profile '" + name
                    + "' is not a whole number of seconds; use a value from 900 to 129600");
        }
    }

    /** A bad lead must not stop renewals: the agent's own lead applies, and the problem is listed, not dropped. */
    private Duration parseLead(String name, String text) {
        Optional<Duration> lead = LeadMinutes.parse(text);
        if (lead.isEmpty()) {
            settingProblems.add(new SettingProblem(
                    LEAD_KEY,
                    text,
                    "profile '" + name + "' in " + files.config(),
                    LeadMinutes.why(text),
                    "the agent's lead_minutes (10 min unless set)"));
        }
        return lead.orElse(null);
    }

    /** The aws_mfa_agent_* values met so far that could not be used (resolve every profile to see all). */
    public List<SettingProblem> settingProblems() {
        return List.copyOf(settingProblems);
    }

    /** The STS endpoint as the AWS SDKs choose it: env, then the profile's [services], then endpoint_url. */
    StsEndpoint endpoint(String name, IniFile.Section own, IniFile.Section sourceConfig, String region)
            throws ProfileException {
        boolean ignore = "true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
                || "true"
                        .equalsIgnoreCase(first(
                                get(own, "ignore_configured_endpoint_urls"),
                                get(sourceConfig, "ignore_configured_endpoint_urls")));
        if (!ignore) {
            if (env.get("AWS_ENDPOINT_URL_STS") != null
                    && !env.get("AWS_ENDPOINT_URL_STS").isBlank()) {
                return configured(env.get("AWS_ENDPOINT_URL_STS"), "AWS_ENDPOINT_URL_STS");
            }
            if (env.get("AWS_ENDPOINT_URL") != null
                    && !env.get("AWS_ENDPOINT_URL").isBlank()) {
                return configured(env.get("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL");
            }
            for (IniFile.Section s : new IniFile.Section[] {own, sourceConfig}) {
                String services = get(s, "services");
                if (services != null) {
                    IniFile.Section block = config.section("services " + services);
                    String url = block == null
                            ? null
                            : block.nested().getOrDefault("sts", Map.of()).get("endpoint_url");
                    if (url != null && !url.isBlank()) {
                        return configured(url, "[services " + services + "] sts endpoint_url in " + files.config());
                    }
                }
                String url = get(s, "endpoint_url");
                if (url != null) {
                    return configured(url, "endpoint_url of [" + s.name() + "] in " + files.config());
                }
            }
        }
        String host =
                region.startsWith("cn-") ? "sts." + region + ".amazonaws.com.cn" : "sts." + region + ".amazonaws.com";
        return new StsEndpoint(URI.create("https://" + host), "default for region " + region, false);
    }

    private static StsEndpoint configured(String url, String origin) throws ProfileException {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(url, "no scheme or host");
            }
            return new StsEndpoint(uri, origin, true);
        } catch (URISyntaxException e) {
            throw new ProfileException("the STS endpoint '" + url + "' from " + origin
                    + " is not a URL; write it like https://sts.us-east-1.amazonaws.com");
        }
    }

    /** A config section for profile {@code name}: [profile name], [default], or the seed's bare [name]. */
    IniFile.Section configSection(String name) {
        IniFile.Section standard = profiles.get(name);
        IniFile.Section bare = config.section(name);
        if (standard == null) {
            return bare;
        }
        if (bare == null || bare == standard || name.equals("default")) {
            return standard;
        }
        // Seed layout keeps mfa_serial in a bare [name]; the standard section wins where both set a key.
        Map<String, String> merged = new java.util.LinkedHashMap<>(bare.values());
        merged.putAll(standard.values());
        return new IniFile.Section(standard.name(), merged, standard.nested());
    }

    private static String get(IniFile.Section s, String key) {
        return s == null ? null : s.get(key);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
