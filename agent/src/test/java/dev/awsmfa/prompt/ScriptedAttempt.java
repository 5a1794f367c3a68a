package dev.awsmfa.prompt;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Stands in for STS: records each code and answers with the next scripted verdict (Accepted once they run out). */
public final class ScriptedAttempt implements CodeAttempt {
    public final List<String> codes = new CopyOnWriteArrayList<>();
    private final Deque<Verdict> verdicts;
    private Duration delay = Duration.ZERO;
    private Consumer<String> onCode = code -> {};

    public ScriptedAttempt(Verdict... verdicts) {
        this.verdicts = new ArrayDeque<>(Arrays.asList(verdicts));
    }

    public static Verdict tryAgain(String reason) {
        return new Verdict.TryAgain(reason);
    }

    public static Verdict giveUp(String reason) {
        return new Verdict.GiveUp(reason);
    }

    public static Verdict accepted() {
        return new Verdict.Accepted();
    }

    /** Takes this long per code, as a call to STS would. */
    public ScriptedAttempt delay(Duration d) {
        this.delay = d;
        return this;
    }

    public ScriptedAttempt onCode(Consumer<String> listener) {
        this.onCode = listener;
        return this;
    }

    @Override
    public synchronized Verdict submit(String code) {
        codes.add(code);
        onCode.accept(code);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Verdict next = verdicts.poll();
        return next == null ? new Verdict.Accepted() : next;
    }
}
