package dev.awsmfa.agent;

import static dev.awsmfa.testing.ExampleUser.KEY;
import static dev.awsmfa.testing.ExampleUser.SECRET;
import static dev.awsmfa.testing.ExampleUser.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profile.AwsFiles;
import dev.awsmfa.prompt.CodeAttempt;
import dev.awsmfa.prompt.CodePrompt;
import dev.awsmfa.prompt.CodeRequest;
import dev.awsmfa.renew.Renewer;
import dev.awsmfa.sts.StsSessions;
import dev.awsmfa.testing.StsStub;
import dev.awsmfa.tray.TrayView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt's life follows the session it asks for; our own questions wait for it; stopping closes it. */
class PromptLifeTest {
    static final String OLD = "[dev]\naws_session_token = old\naws_session_expiration = 2020-01-01T00:00:00Z\n";

    @TempDir
    Path home;

    StsStub sts;
    Agent agent;
    Path credentials;
    final Blocking prompt = new Blocking();

    /** A dialog that stays open until closed (returns false, as Cancel does) or given a code. */
    static final class Blocking implements CodePrompt, AutoCloseable {
        final AtomicInteger asked = new AtomicInteger();
        final AtomicBoolean open = new AtomicBoolean();
        volatile CountDownLatch done = new CountDownLatch(1);
        volatile String code;

        @Override
        public boolean ask(CodeRequest request, CodeAttempt attempt) {
            done = new CountDownLatch(1);
            open.set(true);
            asked.incrementAndGet();
            try {
                done.await(20, TimeUnit.SECONDS);
                return code != null && attempt.submit(code) instanceof CodeAttempt.Verdict.Accepted;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                open.set(false);
            }
        }

        void answer(String c) {
            code = c;
            done.countDown();
        }

        @Override
        public void close() {
            done.countDown();
        }
    }

    @BeforeEach
    void files() throws Exception {
        sts = new StsStub();
        sts.addUser(KEY, SECRET, SERIAL);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile dev]\nsource_profile = jane\nmfa_serial = " + SERIAL + "\n");
        credentials = aws.resolve("credentials");
        writeSession(OLD);
        AwsFiles files = new AwsFiles(aws.resolve("config"), credentials);
        StsSessions.Timeouts t =
                new StsSessions.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));
        agent = new Agent(new Agent.Deps(
                files,
                Map.of("AWS_ENDPOINT_URL_STS", sts.endpoint().toString()),
                Clock.systemUTC(),
                Duration.ofMinutes(10),
                new Renewer(new StsSessions(t)),
                group -> Optional.of(prompt),
                n -> {},
                Optional.empty(),
                () -> {},
                () -> {}));
    }

    private void writeSession(String section) throws Exception {
        Files.writeString(
                credentials,
                "[jane]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n" + section);
    }

    @AfterEach
    void stop() {
        agent.stop();
        sts.close();
    }

    @Test
    @DisplayName("renewed elsewhere (the terminal): the open prompt closes itself and snoozes nothing")
    void renewedElsewhere() throws Exception {
        agent.start(TrayView.NONE, Duration.ofSeconds(30));
        AgentTest.await("the prompt opens for the ended session", prompt.open::get);
        String fresh = Instant.now()
                .plus(12, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        writeSession(
                "[dev]\naws_access_key_id = ASIAFROMTERMINAL0001\naws_secret_access_key = s\naws_session_token = t\n"
                        + "aws_session_expiration = " + fresh + "\n");
        agent.refresh(); // the file watcher does this too, within about a second
        AgentTest.await("the prompt to close itself", () -> !prompt.open.get());
        Thread.sleep(300); // the worker's catch runs right after the prompt returns
        assertEquals(List.of(), agent.state().snoozes(), "closed by us is not a Cancel: nothing snoozed");
    }

    @Test
    @DisplayName("Cancel snoozes the session the prompt was opened for (its expiration as read when it opened)")
    void cancelSnoozesItsOwnSession() throws Exception {
        agent.start(TrayView.NONE, Duration.ofSeconds(30));
        AgentTest.await("the prompt opens for the ended session", prompt.open::get);
        prompt.done.countDown(); // Cancel
        AgentTest.await("snoozed", () -> !agent.state().snoozes().isEmpty());
        assertEquals(
                Instant.parse("2020-01-01T00:00:00Z"),
                agent.state().snoozes().get(0).expiration());
    }

    @Test
    @DisplayName("a prompt from the menu for a fresh session stays open through refreshes")
    void menuPromptStays() throws Exception {
        String fresh = Instant.now()
                .plus(12, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        writeSession(
                "[dev]\naws_access_key_id = ASIAFRESH00000000001\naws_secret_access_key = s\naws_session_token = t\n"
                        + "aws_session_expiration = " + fresh + "\n");
        agent.start(TrayView.NONE, Duration.ofSeconds(30));
        agent.actions().renew("dev");
        AgentTest.await("the prompt opens", prompt.open::get);
        agent.refresh();
        agent.refresh();
        Thread.sleep(300);
        assertTrue(prompt.open.get(), "a refresh must not close a prompt the user asked for");
    }

    @Test
    @DisplayName("our own question waits until no prompt is open or due, then runs once")
    void questionWaits() throws Exception {
        sts.acceptCodes("123456");
        AtomicBoolean askedWhileOpen = new AtomicBoolean();
        CountDownLatch questioned = new CountDownLatch(1);
        agent.start(TrayView.NONE, Duration.ofSeconds(30));
        agent.whenNoPrompt(() -> {
            askedWhileOpen.set(prompt.open.get());
            questioned.countDown();
        });
        AgentTest.await("the prompt opens", prompt.open::get);
        assertEquals(1, questioned.getCount(), "no question while the code prompt is open");
        prompt.answer("123456");
        assertTrue(questioned.await(20, TimeUnit.SECONDS), "the question comes after the prompt");
        assertFalse(askedWhileOpen.get());
    }

    @Test
    @DisplayName("stop closes an open prompt and returns at once, without snoozing or failing")
    void stopClosesThePrompt() throws Exception {
        agent.start(TrayView.NONE, Duration.ofSeconds(30));
        AgentTest.await("the prompt opens", prompt.open::get);
        long t0 = System.nanoTime();
        agent.stop();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(prompt.open.get(), "the prompt is closed");
        assertTrue(ms < 1000, "stop took " + ms + " ms with a prompt open");
    }
}
