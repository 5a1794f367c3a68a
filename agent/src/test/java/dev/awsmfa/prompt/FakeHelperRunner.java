package dev.awsmfa.prompt;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Records every helper run and answers from a script; once the script is used up, every run succeeds silently. */
public final class FakeHelperRunner implements HelperRunner {

    public record Call(List<String> argv, Duration timeout) {}

    public final List<Call> calls = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();

    public FakeHelperRunner answer(int exitCode, String stdout, String stderr) {
        answers.add(new HelperResult(exitCode, stdout, stderr));
        return this;
    }

    public FakeHelperRunner fail(IOException e) {
        answers.add(e);
        return this;
    }

    public List<List<String>> argvs() {
        return calls.stream().map(Call::argv).toList();
    }

    @Override
    public HelperResult run(List<String> argv, Duration timeout) throws IOException {
        calls.add(new Call(List.copyOf(argv), timeout));
        Object answer = answers.poll();
        if (answer instanceof IOException e) {
            throw e;
        }
        return answer == null ? new HelperResult(0, "", "") : (HelperResult) answer;
    }
}
