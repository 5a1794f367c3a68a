package dev.awsmfa.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases issue 12 found where we read the files differently from the AWS CLI (botocore), one test each. */
class AwsCliGrammarTest {

    @TempDir
    Path dir;

    static final String KEYS =
            "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretEXAMPLE\n";
    static final String DEV = "[profile dev]\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/jane\n";

    ProfileCatalog files(String config, String credentials) throws Exception {
        Files.writeString(dir.resolve("config"), config);
        Files.writeString(dir.resolve("credentials"), credentials);
        return ProfileCatalog.load(new AwsFiles(dir.resolve("config"), dir.resolve("credentials")), Map.of());
    }

    static IniFile parse(String text) throws ProfileException {
        return IniFile.parse(Path.of("config"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("(b) an endpoint_url nested under s3 = belongs to S3, never taken as the STS endpoint")
    void nestedEndpointBelongsToItsService() throws Exception {
        ManagedProfile p = files(DEV + "region = eu-west-1\ns3 =\n  endpoint_url = https://s3.example.test\n", KEYS)
                .resolve("dev");
        assertEquals("https://sts.eu-west-1.amazonaws.com", p.endpoint().uri().toString());
        assertFalse(p.endpoint().configured());
    }

    @Test
    @DisplayName("(c) an indented line after a key continues its value, as botocore reads it")
    void indentedLineContinuesTheValue() throws Exception {
        IniFile f = parse("[profile dev]\nfoo = a\n  region = eu-west-1\nbar = b\n");
        IniFile.Section s = f.section("profile dev");
        assertEquals(List.of("foo", "bar"), List.copyOf(s.values().keySet()));
        assertEquals("a\nregion = eu-west-1", s.values().get("foo"));
        assertNull(s.get("region"));
    }

    @Test
    @DisplayName("(d) region = eu-west-1 # ireland is the value botocore reads: a clear error naming profile and key")
    void inlineCommentInRegionIsAClearError() throws Exception {
        ProfileCatalog c = files(DEV + "region = eu-west-1 # ireland\n", KEYS);
        assertEquals("eu-west-1 # ireland", c.configProfiles().get("dev").get("region"));
        ProfileException e = assertThrows(ProfileException.class, () -> c.resolve("dev"));
        assertTrue(
                e.getMessage().contains("profile 'dev'")
                        && e.getMessage().contains("region in [profile dev]")
                        && e.getMessage().contains("comment on its own line"),
                e.getMessage());
    }

    @Test
    @DisplayName("(e) [profile dev] # work account is the profile dev, as botocore reads it")
    void headerWithCommentIsAccepted() throws Exception {
        ProfileCatalog c = files(
                "[profile dev] # work account\nsource_profile = base\n"
                        + "mfa_serial = arn:aws:iam::123456789012:mfa/jane\n",
                KEYS);
        assertEquals(List.of("dev"), c.managedNames());
        assertEquals("base", c.resolve("dev").source());
    }

    @Test
    @DisplayName("a duplicate section or key: the AWS CLI refuses the file, and so do we, naming file and line")
    void duplicatesAreRefused() {
        ProfileException section = assertThrows(ProfileException.class, () -> files(DEV + DEV, KEYS));
        assertTrue(
                section.getMessage().contains("config line 4")
                        && section.getMessage().contains("the AWS CLI refuses"),
                section.getMessage());
        ProfileException key = assertThrows(
                ProfileException.class, () -> files(DEV, KEYS + "AWS_ACCESS_KEY_ID = AKIAIOSFODNN7EXAMPLE\n"));
        assertTrue(
                key.getMessage().contains("credentials line 4")
                        && key.getMessage().contains("'aws_access_key_id'"),
                key.getMessage());
    }

    @Test
    @DisplayName("a byte order mark: the AWS CLI refuses the file (its first line is no section header to it)")
    void bomIsRefused() {
        ProfileException e = assertThrows(ProfileException.class, () -> files("\uFEFF" + DEV, KEYS));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("byte order mark"), e.getMessage());
    }

    @Test
    @DisplayName("[DEFAULT] keys show in every section; key names are lower-cased; section names kept exactly")
    void defaultsCaseAndNames() throws Exception {
        IniFile f = parse("[DEFAULT]\nregion = eu-west-1\n[ dev ]\nREGION = us-east-2\n[b]\nx : 1\n");
        assertEquals("us-east-2", f.section(" dev ").get("region"));
        assertEquals("eu-west-1", f.section("b").get("region"));
        assertEquals("1", f.section("b").get("x"));
        assertNull(f.section("DEFAULT"));
        assertNull(f.section("dev"));
    }

    @Test
    @DisplayName("[default] and [profile default]: the later one in the file is the default profile")
    void defaultSpellings() throws Exception {
        ProfileCatalog c = files(
                "[default]\nregion = eu-west-1\n[profile default]\nregion = us-east-2\n"
                        + "[profile\tx]\nregion = ap-south-1\n",
                KEYS);
        assertEquals("us-east-2", c.configProfiles().get("default").get("region"));
        assertEquals("ap-south-1", c.configProfiles().get("x").get("region"));
    }
}
