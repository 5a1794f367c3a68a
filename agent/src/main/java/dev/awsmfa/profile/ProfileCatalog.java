package dev.awsmfa.profile;

import static dev.awsmfa.profile.ConfigLookup.first;
import static dev.awsmfa.profile.ConfigLookup.get;
import static dev.awsmfa.profile.ProfileLeads.LEAD_KEY;
import static dev.awsmfa.profile.RoleTargets.AWS_MFA_ROLE_KEY;
import static dev.awsmfa.profile.RoleTargets.DEFAULT_ROLE_SESSION_NAME;
import static dev.awsmfa.profile.RoleTargets.ROLE_ARN_KEY;
import static dev.awsmfa.profile.SourceProfiles.LONG_TERM_SUFFIX;

import dev.awsmfa.settings.SettingProblem;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The user's config and credentials files, read once, and the MFA profiles they define. */
public final class ProfileCatalog {

    static final String MFA_PROCESS_KEY = "mfa_process";

    private static final Pattern SERIAL =
            Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:(mfa|u2f)/[\\w+=,.@/-]+|[A-Z0-9]{9,20}");

    private final AwsFiles files;
    private final IniFile config;
    private final IniFile credentials;
    private final Map<String, IniFile.Section> profiles;
    private final ConfigLookup sections;
    private final SourceProfiles sources;
    private final Regions regions;
    private final StsEndpoints endpoints;
    private final ProfileLeads leads;

    private ProfileCatalog(AwsFiles files, IniFile config, IniFile credentials, Map<String, String> env) {
        this.files = files;
        this.config = config;
        this.credentials = credentials;
        this.profiles = ProfileNames.profiles(config);
        this.sections = new ConfigLookup(config, profiles);
        this.sources = new SourceProfiles(credentials, files.credentials(), sections);
        this.regions = new Regions(files.config(), env);
        this.endpoints = new StsEndpoints(config, files.config(), env);
        this.leads = new ProfileLeads(files.config());
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
        IniFile.Section own = sections.section(name);
        if (longTerm != null) {
            String serial = first(longTerm.get("aws_mfa_device"), longTerm.get("mfa_serial"), get(own, "mfa_serial"));
            Optional<RoleTarget> role = Optional.ofNullable(longTerm.get(AWS_MFA_ROLE_KEY))
                    .map(arn -> new RoleTarget(arn, Optional.empty(), DEFAULT_ROLE_SESSION_NAME, 0, Optional.empty()));
            return build(
                    name,
                    Layout.LONG_TERM_SUFFIX,
                    longTerm.name(),
                    sources.keysOf(name, longTerm),
                    serial,
                    own,
                    null,
                    role);
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
        if (own.get(ROLE_ARN_KEY) != null && sources.isSessionProfile(own.get("source_profile"))) {
            return chainedRole(name, own);
        }
        String sourceName = sources.find(name, own);
        IniFile.Section source = credentials.section(sourceName);
        IniFile.Section sourceConfig = sections.section(sourceName);
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
        return build(name, layout, sourceName, sources.keysOf(sourceName, source), serial, own, sourceConfig, role);
    }

    /**
     * The access key id {@link #resolve} would give {@code name}'s long-term keys, found the same way but without the
     * rest of a resolution (region, endpoint, duration, role), or empty when that cannot be told so cheaply (the
     * profile may not resolve at all). A device group asks this of every profile in the files and resolves only the
     * ones that can share the device: a 1,000-profile file then costs a few lookups per profile, not a resolution.
     */
    public Optional<String> longTermKeyId(String name) {
        return longTermKeyId(name, 0);
    }

    private Optional<String> longTermKeyId(String name, int depth) {
        IniFile.Section longTerm = credentials.section(name + LONG_TERM_SUFFIX);
        if (longTerm != null) {
            return Optional.ofNullable(longTerm.get("aws_access_key_id"));
        }
        IniFile.Section own = sections.section(name);
        if (own == null || own.get("role_arn") != null || own.get("source_profile") == null || depth > 8) {
            return Optional.empty();
        }
        if (own.get(ROLE_ARN_KEY) != null && sources.isSessionProfile(own.get("source_profile"))) {
            return longTermKeyId(own.get("source_profile"), depth + 1); // a chained role: its session's keys
        }
        try {
            IniFile.Section source = credentials.section(sources.find(name, own));
            return Optional.ofNullable(source == null ? null : source.get("aws_access_key_id"));
        } catch (ProfileException e) {
            return Optional.empty();
        }
    }

    /** A role assumed from the MFA session of its source_profile: same device, no code of its own. */
    private ManagedProfile chainedRole(String name, IniFile.Section own) throws ProfileException {
        String sessionName = own.get("source_profile");
        ManagedProfile session = resolve(sessionName);
        if (session.role().isPresent()) {
            throw new ProfileException("profile '" + name + "': its source_profile '" + sessionName
                    + "' is a role profile; point source_profile at the MFA session profile instead");
        }
        RoleTarget role = RoleTargets.of(name, own, own.get(ROLE_ARN_KEY), Optional.of(sessionName));
        Optional<Duration> lead = Optional.ofNullable(get(own, LEAD_KEY))
                .map(v -> leads.parse(name, v))
                .or(session::lead);
        String region = regions.of(name, own, null, session.region());
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
            role = Optional.of(RoleTargets.of(name, own, roleArn.get().roleArn(), Optional.empty()));
        }
        String durationText =
                role.isPresent() ? null : first(get(own, "duration_seconds"), get(sourceConfig, "duration_seconds"));
        int duration = SessionDuration.parse(name, durationText);
        String region = regions.of(name, own, sourceConfig, "us-east-1");
        Optional<Duration> lead = Optional.ofNullable(first(get(own, LEAD_KEY), get(sourceConfig, LEAD_KEY)))
                .map(v -> leads.parse(name, v));
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
                endpoints.of(own, sourceConfig, region),
                lead,
                process,
                role);
    }

    /** The aws_mfa_agent_* values met so far that could not be used (resolve every profile to see all). */
    public List<SettingProblem> settingProblems() {
        return leads.problems();
    }
}
