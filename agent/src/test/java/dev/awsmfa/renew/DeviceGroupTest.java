package dev.awsmfa.renew;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.ProfileCatalog;
import dev.awsmfa.testing.CliRun;
import dev.awsmfa.testing.StsStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One definition of "what one code renews", as the CLI and the agent both use it. */
class DeviceGroupTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/";

    @TempDir
    Path home;

    Path config;
    Path credentials;

    @BeforeEach
    void files() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        config = aws.resolve("config");
        credentials = aws.resolve("credentials");
        Files.writeString(
                config,
                Files.readString(Path.of("../config-samples/roles/config"))
                        + "\n[profile stage]\nsource_profile = jane\nmfa_serial = " + SERIAL + "\n"
                        + "[profile role-x]\nsource_profile = jane\nmfa_serial = " + SERIAL
                        + "\naws_mfa_agent_role_arn = " + ROLE + "x\n"
                        + "[profile broken]\nsource_profile = dev\naws_mfa_agent_role_arn = " + ROLE
                        + "b\nduration_seconds = 7200\n");
        Files.writeString(
                credentials, "[jane]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");
    }

    List<ManagedProfile> resolvable(ProfileCatalog catalog) throws Exception {
        List<ManagedProfile> all = new java.util.ArrayList<>();
        for (String name : catalog.managedNames()) {
            if (!name.equals("broken")) {
                all.add(catalog.resolve(name));
            }
        }
        return all;
    }

    @Test
    @DisplayName(
            "sessions and the roles chained from them are one group, the profile asked for leading; a direct role is alone")
    void membership() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.load(new AwsFiles(config, credentials), Map.of());
        DeviceGroup fromStage = DeviceGroup.of(catalog, catalog.resolve("stage"));
        assertEquals(List.of("stage", "dev", "role-a", "role-b", "role-c"), fromStage.names());
        DeviceGroup fromRole = DeviceGroup.of(catalog, catalog.resolve("role-b"));
        assertEquals(List.of("dev", "stage", "role-b", "role-a", "role-c"), fromRole.names(), "sessions first");
        assertEquals(fromStage.key(), fromRole.key());
        assertEquals(
                List.of("role-x"),
                DeviceGroup.of(catalog, catalog.resolve("role-x")).names());
        assertFalse(fromStage.contains("broken"), "a profile that cannot be resolved is left out");

        List<DeviceGroup> all = DeviceGroup.all(resolvable(catalog));
        assertEquals(2, all.size(), all.toString());
        assertEquals(
                List.of("dev", "stage", "role-a", "role-b", "role-c"),
                all.get(0).names());
        assertEquals(List.of("role-x"), all.get(1).names());
    }

    @Test
    @DisplayName("a profile is a member once however often it is listed")
    void uniqueMembers() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.load(new AwsFiles(config, credentials), Map.of());
        ManagedProfile dev = catalog.resolve("dev");
        ManagedProfile a = catalog.resolve("role-a");
        assertEquals(
                List.of("dev", "role-a"),
                DeviceGroup.all(List.of(a, dev, a, dev)).get(0).names());
        assertEquals(
                List.of("dev", "role-a"), DeviceGroup.of(List.of(a, dev, a), a).names());
    }

    @Test
    @DisplayName("the group's job key is stable text, not a hash")
    void stableKey() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.load(new AwsFiles(config, credentials), Map.of());
        assertEquals(
                SERIAL + "/" + KEY, DeviceGroup.keyOf(catalog.resolve("dev")).id());
        assertEquals(
                SERIAL + "/" + KEY + "/role-x",
                DeviceGroup.keyOf(catalog.resolve("role-x")).id());
    }

    @Test
    @DisplayName("renew: a sibling with a setup error does not block the rest of the group; each role assumed once")
    void brokenSiblingDoesNotBlock() throws Exception {
        try (StsStub sts = new StsStub()) {
            sts.addUser(KEY, SECRET, SERIAL);
            for (String r : List.of("a", "b", "c")) {
                sts.addRole(ROLE + r, 43200);
            }
            sts.acceptCodes("123456");
            CliRun cli = new CliRun(home).useSts(sts);
            CliRun.Result r = cli.run("renew", "-p", "dev", "--code", "123456");
            assertEquals(0, r.exit(), r.all());
            assertEquals(
                    List.of(ROLE + "a", ROLE + "b", ROLE + "c"),
                    sts.calls("AssumeRole").stream()
                            .map(c -> c.param("RoleArn"))
                            .sorted()
                            .toList());
            assertTrue(r.out().contains("[stage]") && r.out().contains("[role-c]"), r.out());
            assertFalse(r.all().contains("[broken]"), r.all());
        }
    }
}
