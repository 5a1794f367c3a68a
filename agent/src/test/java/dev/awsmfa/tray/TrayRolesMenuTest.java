package dev.awsmfa.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.profile.Layout;
import dev.awsmfa.profile.LongTermKeys;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.RoleTarget;
import dev.awsmfa.profile.StsEndpoint;
import dev.awsmfa.status.ProfileStatus;
import dev.awsmfa.status.ProfileStatus.State;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrayRolesMenuTest {

    static ProfileStatus status(String name, Optional<RoleTarget> role, String source) {
        ManagedProfile p = new ManagedProfile(
                name,
                Layout.STANDARD,
                source,
                new LongTermKeys("AKIAEXAMPLE", "s"),
                "arn:aws:iam::123456789012:mfa/jane",
                43200,
                "us-east-1",
                new StsEndpoint(URI.create("https://sts.us-east-1.amazonaws.com"), "default", false),
                Optional.empty(),
                Optional.empty(),
                role);
        return new ProfileStatus(
                name,
                Optional.of(p),
                Optional.empty(),
                State.FRESH,
                Optional.of(TrayFixtures.NOW.plus(Duration.ofMinutes(50))),
                Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("roles chained from a session are listed under it, indented, and still renew themselves on click")
    void rolesUnderTheirDevice() {
        RoleTarget admin =
                new RoleTarget("arn:aws:iam::123456789012:role/admin", Optional.empty(), "s", 3600, Optional.of("dev"));
        List<ProfileStatus> statuses = List.of(
                status("admin", Optional.of(admin), "dev"),
                status("prod", Optional.empty(), "ops"),
                status("dev", Optional.empty(), "jane"));
        RecordingActions actions = new RecordingActions();
        TrayModel model = TrayMenus.build(
                statuses, Set.of(), Map.of(), Optional.empty(), TrayFixtures.NOW, ZoneOffset.UTC, actions);
        List<String> labels = model.items().stream()
                .limit(3)
                .map(i -> ((TrayMenuItem.Action) i).label())
                .toList();
        assertEquals("prod", labels.get(0).split(" ")[0]);
        assertEquals("dev", labels.get(1).split(" ")[0]);
        assertEquals(TrayMenus.ROLE_INDENT + "admin", labels.get(2).substring(0, TrayMenus.ROLE_INDENT.length() + 5));
        ((TrayMenuItem.Action) model.items().get(2)).onClick().run();
        assertEquals(List.of("renew admin"), actions.calls);
    }
}
