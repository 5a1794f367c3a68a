package dev.awsmfa.prompt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.platform.Command;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A helper dialog (zenity, kdialog) that the agent closes: renewed elsewhere, or stopping. */
class DialogPromptCloseTest {

    @Test
    @DisplayName(
            "close ends the helper's wait: ask returns false (as Cancel), no code sent, the thread not left interrupted")
    void closeEndsTheDialog() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        ProcessRunner blocksUntilInterrupted = new ProcessRunner() {
            @Override
            public ProcessResult run(Command command) throws IOException {
                running.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // as SystemProcessRunner: kill the helper, keep the flag, throw
                    throw new InterruptedIOException("interrupted while waiting for " + command.program());
                }
                throw new AssertionError("not closed");
            }

            @Override
            public void launch(Command command) {
                throw new AssertionError("a dialog is run, not launched");
            }
        };
        ZenityPrompt prompt = new ZenityPrompt(blocksUntilInterrupted, Duration.ofMinutes(1));
        AtomicBoolean submitted = new AtomicBoolean();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> {
            try {
                boolean a = prompt.ask(
                        new CodeRequest(
                                java.util.List.of("dev"),
                                "arn:aws:iam::111122223333:mfa/dev",
                                java.util.Optional.empty(),
                                java.util.Optional.empty()),
                        code -> {
                            submitted.set(true);
                            return new CodeAttempt.Verdict.Accepted();
                        });
                interruptedAfter.set(Thread.currentThread().isInterrupted());
                return a;
            } catch (PromptException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        prompt.close();
        assertFalse(answer.get(5, TimeUnit.SECONDS), "closed counts as not answered");
        assertFalse(submitted.get(), "no code sent");
        assertFalse(interruptedAfter.get(), "the asking thread is not left interrupted");
    }
}
