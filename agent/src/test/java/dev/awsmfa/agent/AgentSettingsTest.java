package dev.awsmfa.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.notify.Notice;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.sts.StsSessions;
import dev.awsmfa.tray.TrayModel;
import dev.awsmfa.tray.TrayView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent tells once about a profile setting it cannot use, and again only about a new one. */
class AgentSettingsTest {
    @TempDir
    Path home;

    Agent agent;
    final List<Notice> notices = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
    }

    @Test
    @DisplayName("aws_mfa_agent_lead_minutes = 15m: one notification naming it, not one per refresh")
    void notifiesOnce() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Path config = aws.resolve("config");
        Files.writeString(
                config,
                "[profile dev]\nsource_profile = jane\nmfa_serial = arn:aws:iam::123456789012:mfa/jane\n"
                        + "aws_mfa_agent_lead_minutes = 15m\n");
        Path credentials = aws.resolve("credentials");
        Files.writeString(
                credentials,
                "[jane]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n"
                        + "[dev]\naws_session_token = t\naws_session_expiration = 2099-01-01T00:00:00Z\n");
        StsSessions.Timeouts t =
                new StsSessions.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));
        agent = new Agent(new Agent.Deps(
                new AwsFiles(config, credentials),
                Map.of(),
                Clock.systemUTC(),
                Duration.ofMinutes(10),
                new Renewer(new StsSessions(t)),
                group -> Optional.empty(),
                notices::add,
                Optional.empty(),
                () -> {},
                () -> {}));
        agent.start(
                new TrayView() {
                    @Override
                    public void show(TrayModel model) {}

                    @Override
                    public void close() {}
                },
                Duration.ofSeconds(30));
        agent.refresh();
        agent.refresh();
        List<Notice> about =
                notices.stream().filter(n -> n.title().contains("setting")).toList();
        assertEquals(1, about.size(), notices.toString());
        assertTrue(
                about.get(0).body().startsWith("aws_mfa_agent_lead_minutes = '15m' (profile 'dev' in " + config + ")"),
                about.get(0).body());

        Files.writeString(config, Files.readString(config).replace("15m", "soon"));
        agent.refresh();
        assertEquals(
                2, notices.stream().filter(n -> n.title().contains("setting")).count(), notices.toString());
    }
}
