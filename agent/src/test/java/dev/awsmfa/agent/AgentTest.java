package dev.awsmfa.agent;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.notify.Notice;
import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.prompt.CodeAttempt;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.sts.StsSessions;
import dev.awsmfa.testing.IniOracles;
import dev.awsmfa.testing.StsStub;
import dev.awsmfa.tray.IconState;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent end to end without a desktop: real scheduler, real STS client against the stub, recorded tray and notices. */
class AgentTest {


    @TempDir
    Path home;
    StsStub sts;
    Agent agent;
    Path credentials;
    final List<Notice> notices = new CopyOnWriteArrayList<>();
    final List<CodeRequest> asked = new CopyOnWriteArrayList<>();
    final List<TrayModel> shown = new CopyOnWriteArrayList<>();

    @BeforeEach
    void files() throws Exception {
        sts = new StsStub();
        sts.addUser(KEY, SECRET, SERIAL);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile dev]\nsource_profile = jane\nmfa_serial = " + SERIAL + "\n"
                + "[profile stage]\nsource_profile = jane\nmfa_serial = " + SERIAL + "\n");
        credentials = aws.resolve("credentials");
        Files.writeString(credentials, "[jane]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n"
                + "[dev]\naws_session_token = old\naws_session_expiration = 2020-01-01T00:00:00Z\n"
                + "[stage]\naws_session_token = old\naws_session_expiration = 2020-01-01T00:00:00Z\n");
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        sts.close();
    }

    void start(CodePrompt prompt) throws Exception {
        AwsFiles files = new AwsFiles(home.resolve(".aws/config"), credentials);
        StsSessions.Timeouts t = new StsSessions.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));
        agent = new Agent(new Agent.Deps(files, Map.of("AWS_ENDPOINT_URL_STS", sts.endpoint().toString()), Clock.systemUTC(),
                Duration.ofMinutes(10), new Renewer(new StsSessions(t)), group -> Optional.of(prompt), notices::add,
                Optional.empty(), () -> {}, () -> {}));
        agent.start(new TrayView() {
            @Override
            public void show(TrayModel model) {
                shown.add(model);
            }

            @Override
            public void close() {
            }
        }, Duration.ofSeconds(30));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 150 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    CodePrompt answering(String code) {
        return (request, attempt) -> {
            asked.add(request);
            return attempt.submit(code) instanceof CodeAttempt.Verdict.Accepted || true;
        };
    }

    @Test
    @DisplayName("sessions already over at start: one prompt for the device at once, both profiles renewed, one notice")
    void expiredAtStartIsHandledAtOnce() throws Exception {
        sts.acceptCodes("123456");
        start(answering("123456"));
        await("renewed", () -> notices.stream().anyMatch(n -> n.kind() == Notice.Kind.RENEWED));
        assertEquals(1, asked.size(), "one prompt for one device");
        assertEquals(List.of("dev", "stage"), asked.get(0).profiles());
        assertEquals(1, sts.calls("GetSessionToken").size());
        Map<String, Map<String, String>> file = IniOracles.python(credentials);
        assertEquals(sts.issued().get(0).token(), file.get("dev").get("aws_session_token"));
        assertEquals(sts.issued().get(0).token(), file.get("stage").get("aws_session_token"));
        await("the tray turns green", () -> shown.get(shown.size() - 1).icon() == IconState.FRESH);
        assertTrue(shown.stream().anyMatch(m -> m.icon() == IconState.RENEWING), "blue while renewing");
    }

    @Test
    @DisplayName("a cancelled prompt snoozes: no failure notice, not asked again until the user clicks")
    void cancelSnoozes() throws Exception {
        start((request, attempt) -> {
            asked.add(request);
            return false;
        });
        await("asked once", () -> asked.size() == 1);
        Thread.sleep(1500);
        agent.actions().reload();
        Thread.sleep(500);
        assertEquals(1, asked.size(), "a reload does not undo the snooze");
        assertTrue(notices.stream().noneMatch(n -> n.kind() == Notice.Kind.FAILED), notices.toString());
        agent.actions().renew("dev");
        await("a click asks again", () -> asked.size() == 2);
    }

    @Test
    @DisplayName("a failure is told in one notice with what to do, and shown in the menu")
    void failureIsTold() throws Exception {
        sts.failNext(dev.awsmfa.testing.Fault.serviceUnavailable());
        start(answering("918273"));
        await("failure notice", () -> notices.stream().anyMatch(n -> n.kind() == Notice.Kind.FAILED));
        Notice failed = notices.stream().filter(n -> n.kind() == Notice.Kind.FAILED).findFirst().orElseThrow();
        assertTrue(failed.body().contains("HTTP 503") && failed.body().contains("try again"), failed.body());
        await("red icon", () -> shown.get(shown.size() - 1).icon() == IconState.PROBLEM);
        assertTrue(notices.stream().noneMatch(n -> (n.title() + n.body()).contains(SECRET) || (n.title() + n.body()).contains("918273")));
    }
}
