package dev.awsmfa.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {

    static final Path SAMPLES = Path.of("../config-samples");

    @TempDir
    Path dir;

    final Map<String, String> env = new HashMap<>();

    ProfileCatalog sample(String layout) throws Exception {
        return ProfileCatalog.load(
                new AwsFiles(
                        SAMPLES.resolve(layout).resolve("config"),
                        SAMPLES.resolve(layout).resolve("credentials")),
                env);
    }

    ProfileCatalog files(String config, String credentials) throws Exception {
        Files.writeString(dir.resolve("config"), config);
        Files.writeString(dir.resolve("credentials"), credentials);
        return ProfileCatalog.load(new AwsFiles(dir.resolve("config"), dir.resolve("credentials")), env);
    }

    static final String KEYS =
            "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretEXAMPLE\n";

    @Nested
    @DisplayName("the three layouts")
    class Layouts {
        @Test
        @DisplayName("the seed's files, exactly as its document shows them")
        void seed() throws Exception {
            ProfileCatalog c = sample("seed");
            assertEquals(List.of("my-profle"), c.managedNames());
            ManagedProfile p = c.resolve("my-profle");
            assertEquals(Layout.SEED, p.layout());
            assertEquals("my-mfa-profile", p.source());
            assertEquals("arn:aws:iam::123454567890:mfa/user-with-mfa", p.mfaSerial());
            assertEquals("AKIAIOSFODNN7EXAMPLE", p.keys().accessKeyId());
            assertEquals(43200, p.durationSeconds());
            assertEquals("us-east-1", p.region());
        }

        @Test
        @DisplayName("the standard spelling, with duration, region and lead from the profile")
        void standard() throws Exception {
            ManagedProfile p = sample("standard").resolve("dev");
            assertEquals(Layout.STANDARD, p.layout());
            assertEquals("my-mfa-profile", p.source());
            assertEquals("arn:aws:iam::123456789012:mfa/jane", p.mfaSerial());
            assertEquals("eu-west-1", p.region());
            assertEquals(
                    "https://sts.eu-west-1.amazonaws.com", p.endpoint().uri().toString());
            assertEquals(15, p.lead().orElseThrow().toMinutes());
        }

        @Test
        @DisplayName("aws-mfa's -long-term sections")
        void awsMfa() throws Exception {
            ProfileCatalog c = sample("aws-mfa");
            assertEquals(List.of("default", "prod"), c.managedNames());
            ManagedProfile p = c.resolve("prod");
            assertEquals(Layout.LONG_TERM_SUFFIX, p.layout());
            assertEquals("prod-long-term", p.source());
            assertEquals("AKIAI44QH8DHBEXAMPLE", p.keys().accessKeyId());
            assertEquals("arn:aws:iam::210987654321:mfa/jane", p.mfaSerial());
        }

        @Test
        @DisplayName("the secret never shows in a profile's text form")
        void secretHidden() throws Exception {
            ManagedProfile p = sample("seed").resolve("my-profle");
            assertFalse(p.toString().contains("wJalrXUtnFEMI"), p.toString());
        }
    }

    @Nested
    @DisplayName("errors name the profile and the fix")
    class Errors {
        void assertError(ProfileCatalog c, String profile, String... parts) {
            ProfileException e = assertThrows(ProfileException.class, () -> c.resolve(profile));
            for (String part : parts) {
                assertTrue(e.getMessage().contains(part), e.getMessage());
            }
            assertFalse(e.getMessage().contains("\n"), "one line");
        }

        @Test
        void missingSource() throws Exception {
            assertError(
                    files("[profile dev]\nsource_profile = nope\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n", KEYS),
                    "dev",
                    "'dev'",
                    "'nope' does not exist",
                    "[nope]");
        }

        @Test
        void cycle() throws Exception {
            assertError(
                    files(
                            "[profile dev]\nsource_profile = a\n[profile a]\nsource_profile = b\n[profile b]\nsource_profile = a\n",
                            KEYS),
                    "dev",
                    "cycle",
                    "dev -> a -> b -> a");
        }

        @Test
        void noLongTermKeys() throws Exception {
            assertError(
                    files(
                            "[profile dev]\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n",
                            "[base]\nregion = x\n"),
                    "dev",
                    "'base' has no long-term keys",
                    "aws_access_key_id");
        }

        @Test
        void noMfaDevice() throws Exception {
            assertError(files("[profile dev]\nsource_profile = base\n", KEYS), "dev", "no MFA device", "mfa_serial");
        }

        @Test
        void serialNotAnArn() throws Exception {
            assertError(
                    files("[profile dev]\nsource_profile = base\nmfa_serial = jane\n", KEYS),
                    "dev",
                    "not an MFA device ARN");
        }

        @Test
        void durationOutOfRange() throws Exception {
            assertError(
                    files(
                            "[profile dev]\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/u\nduration_seconds = 60\n",
                            KEYS),
                    "dev",
                    "900",
                    "129600");
        }

        @Test
        void unknownProfile() throws Exception {
            assertError(files("", KEYS), "ghost", "'ghost' not found");
        }

        @Test
        void lineWithoutEquals() throws Exception {
            ProfileException e =
                    assertThrows(ProfileException.class, () -> files("[profile dev]\nsource_profile base\n", KEYS));
            assertTrue(e.getMessage().contains("config line 2"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("the STS endpoint, as the AWS SDKs choose it")
    class Endpoint {
        static final String CONFIG =
                "[profile dev]\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n"
                        + "services = local\nendpoint_url = http://127.0.0.1:3\n"
                        + "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:9\nsts =\n  endpoint_url = http://127.0.0.1:2\n";

        @Test
        void serviceVariableWins() throws Exception {
            env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1");
            env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4");
            StsEndpoint e = files(CONFIG, KEYS).resolve("dev").endpoint();
            assertEquals("http://127.0.0.1:1", e.uri().toString());
            assertEquals("AWS_ENDPOINT_URL_STS", e.origin());
        }

        @Test
        void globalVariableNext() throws Exception {
            env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4");
            assertEquals(
                    "http://127.0.0.1:4",
                    files(CONFIG, KEYS).resolve("dev").endpoint().uri().toString());
        }

        @Test
        void servicesSectionNext() throws Exception {
            StsEndpoint e = files(CONFIG, KEYS).resolve("dev").endpoint();
            assertEquals("http://127.0.0.1:2", e.uri().toString());
            assertTrue(e.origin().contains("[services local]"));
        }

        @Test
        void profileEndpointUrlLast() throws Exception {
            StsEndpoint e = files(CONFIG.replace("services = local\n", ""), KEYS)
                    .resolve("dev")
                    .endpoint();
            assertEquals("http://127.0.0.1:3", e.uri().toString());
        }

        @Test
        void ignoreSwitchGivesTheRegionalDefault() throws Exception {
            env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1");
            env.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
            env.put("AWS_REGION", "eu-north-1");
            StsEndpoint e = files(CONFIG, KEYS).resolve("dev").endpoint();
            assertEquals("https://sts.eu-north-1.amazonaws.com", e.uri().toString());
            assertFalse(e.configured());
        }
    }
}
