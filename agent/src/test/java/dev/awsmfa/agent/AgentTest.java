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
import dev.awsmfa.schedule.CallBudget;
import dev.awsmfa.schedule.Step;
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
import java.time.Instant;
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
        Files.writeString(
                aws.resolve("config"),
                "[profile dev]\nsource_profile = jane\nmfa_serial = " + SERIAL + "\n"
                        + "[profile stage]\nsource_profile = jane\nmfa_serial = " + SERIAL + "\n");
        credentials = aws.resolve("credentials");
        Files.writeString(
                credentials,
                "[jane]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n"
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
        start(prompt, Duration.ofMinutes(10));
    }

    void start(CodePrompt prompt, Duration lead) throws Exception {
        start(prompt, lead, new CallBudget(CallBudget.Rules.STANDARD, Clock.systemUTC()::instant, System::nanoTime));
    }

    void start(CodePrompt prompt, Duration lead, CallBudget budget) throws Exception {
        AwsFiles files = new AwsFiles(home.resolve(".aws/config"), credentials);
        StsSessions.Timeouts t =
                new StsSessions.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));
        agent = new Agent(
                new Agent.Deps(
                        files,
                        Map.of("AWS_ENDPOINT_URL_STS", sts.endpoint().toString()),
                        Clock.systemUTC(),
                        lead,
                        new Renewer(new StsSessions(t)),
                        group -> Optional.of(prompt),
                        notices::add,
                        Optional.empty(),
                        () -> {},
                        () -> {}),
                budget);
        agent.start(
                new TrayView() {
                    @Override
                    public void show(TrayModel model) {
                        shown.add(model);
                    }

                    @Override
                    public void close() {}
                },
                Duration.ofSeconds(30));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 150 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    final List<CodeAttempt.Verdict> verdicts = new CopyOnWriteArrayList<>();

    /** A one-shot prompt: enters {@code code} once; whatever STS says, the user has answered (true). */
    CodePrompt answering(String code) {
        return (request, attempt) -> {
            asked.add(request);
            verdicts.add(attempt.submit(code));
            return true;
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
        assertTrue(verdicts.get(0) instanceof CodeAttempt.Verdict.Accepted, verdicts.toString());
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
        await(
                "the cancel snoozed the prompt",
                () -> shown.get(shown.size() - 1).icon() != IconState.RENEWING
                        && agent.scheduled().stream().noneMatch(s -> s.kind() == Step.Kind.PROMPT));
        agent.actions().reload();
        assertTrue(
                agent.scheduled().stream().noneMatch(s -> s.kind() == Step.Kind.PROMPT),
                "a reload does not undo the snooze: " + agent.scheduled());
        assertEquals(1, asked.size());
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
        Notice failed = notices.stream()
                .filter(n -> n.kind() == Notice.Kind.FAILED)
                .findFirst()
                .orElseThrow();
        assertTrue(failed.body().contains("HTTP 503") && failed.body().contains("try again"), failed.body());
        assertTrue(verdicts.get(0) instanceof CodeAttempt.Verdict.GiveUp, verdicts.toString());
        await("red icon", () -> shown.get(shown.size() - 1).icon() == IconState.PROBLEM);
        assertTrue(notices.stream()
                .noneMatch(n -> (n.title() + n.body()).contains(SECRET) || (n.title() + n.body()).contains("918273")));
    }

    @Test
    @DisplayName("a 90-minute lead with 1-hour roles: one renewal, each role assumed once, then no more STS calls")
    void longLeadDoesNotStorm() throws Exception {
        String role = "arn:aws:iam::123456789012:role/";
        for (String r : List.of("a", "b")) {
            sts.addRole(role + r, 3600);
        }
        Files.writeString(
                home.resolve(".aws/config"),
                Files.readString(home.resolve(".aws/config"))
                        + "[profile role-a]\nsource_profile = dev\naws_mfa_agent_role_arn = " + role + "a\n"
                        + "[profile role-b]\nsource_profile = dev\naws_mfa_agent_role_arn = " + role + "b\n");
        sts.acceptCodes("123456");
        start(answering("123456"), Duration.ofMinutes(90));
        await("renewed", () -> notices.stream().anyMatch(n -> n.kind() == Notice.Kind.RENEWED));
        await(
                "the role refresh is planned",
                () -> agent.scheduled().stream().anyMatch(s -> s.kind() == Step.Kind.ROLE_REFRESH));
        int afterRenewal = sts.calls().size();
        // The storm this guards against made ~5 calls a second; watch a while for any call at all.
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until && sts.calls().size() == afterRenewal) {
            Thread.sleep(100);
        }
        assertEquals(afterRenewal, sts.calls().size(), "no STS call after the renewal: " + sts.calls());
        assertEquals(1, sts.calls("GetSessionToken").size());
        assertEquals(
                List.of(role + "a", role + "b"),
                sts.calls("AssumeRole").stream()
                        .map(c -> c.param("RoleArn"))
                        .sorted()
                        .toList(),
                "each role assumed once");
        Instant issued = Instant.now();
        for (Step s : agent.scheduled()) {
            if (s.kind() == Step.Kind.ROLE_REFRESH) {
                assertTrue(
                        s.at().isAfter(issued.plus(Duration.ofMinutes(29))), "half the role's hour, not at once: " + s);
            }
        }
        assertEquals(1, asked.size(), "asked once");
    }

    @Test
    @DisplayName("one role refused: the rest renewed, the tray marks the failed one, the notice names it")
    void partialRenewal() throws Exception {
        String role = "arn:aws:iam::123456789012:role/";
        sts.addRole(role + "a", 3600);
        Files.writeString(
                home.resolve(".aws/config"),
                Files.readString(home.resolve(".aws/config"))
                        + "[profile role-a]\nsource_profile = dev\naws_mfa_agent_role_arn = " + role + "a\n"
                        + "[profile role-z]\nsource_profile = dev\naws_mfa_agent_role_arn = " + role + "z\n");
        sts.acceptCodes("123456");
        start(answering("123456"));
        await("a failure notice", () -> notices.stream().anyMatch(n -> n.kind() == Notice.Kind.FAILED));
        Notice failed = notices.stream()
                .filter(n -> n.kind() == Notice.Kind.FAILED)
                .findFirst()
                .orElseThrow();
        assertEquals("Could not renew role-z", failed.title());
        assertTrue(failed.body().contains("Renewed dev, stage, role-a"), failed.body());
        assertTrue(notices.stream().noneMatch(n -> n.kind() == Notice.Kind.RENEWED), "not told as a full success");
        Map<String, Map<String, String>> file = IniOracles.python(credentials);
        assertTrue(
                file.containsKey("role-a") && !file.containsKey("role-z"),
                file.keySet().toString());
        await("the tray shows the failure", () -> shown.get(shown.size() - 1).icon() == IconState.PROBLEM);
    }

    @Test
    @DisplayName(
            "at the hourly ceiling the agent stops asking: the tray shows it, one notice says so, nothing more is planned")
    void ceilingStops() throws Exception {
        sts.failAll(dev.awsmfa.testing.Fault.serviceUnavailable());
        // No floor and no backoff, so only the ceiling (2 an hour) holds the failing prompts back.
        CallBudget.Rules ceilingOnly = new CallBudget.Rules(Duration.ZERO, Duration.ZERO, 2);
        start(
                answering("918273"),
                Duration.ofMinutes(10),
                new CallBudget(ceilingOnly, Clock.systemUTC()::instant, System::nanoTime));
        await("stopped", () -> notices.stream().anyMatch(n -> n.title().startsWith("Stopped renewing")));
        await(
                "nothing planned but the tray",
                () -> agent.scheduled().stream().noneMatch(s -> s.kind() == Step.Kind.PROMPT)
                        && shown.get(shown.size() - 1).icon() == IconState.PROBLEM);
        assertEquals(2, asked.size(), "asked up to the ceiling");
        assertEquals(2, sts.calls("GetSessionToken").size());
        assertEquals(
                1,
                notices.stream()
                        .filter(n -> n.title().startsWith("Stopped renewing"))
                        .count());
        agent.actions().renew("dev");
        await("a click asks again", () -> asked.size() == 3);
    }
}
