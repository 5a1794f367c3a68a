package dev.awsmfa.prompt;

import dev.awsmfa.platform.Command;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Records every helper run and answers from a script; once the script is used up, every run succeeds silently. */
public final class FakeHelperRunner implements ProcessRunner {

    public record Call(List<String> argv, Duration timeout) {}

    public final List<Call> calls = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();

    public FakeHelperRunner answer(int exitCode, String stdout, String stderr) {
        answers.add(new ProcessResult(exitCode, stdout, stderr));
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
    public ProcessResult run(Command command) throws IOException {
        calls.add(new Call(command.argv(), command.timeout()));
        Object answer = answers.poll();
        if (answer instanceof IOException e) {
            throw e;
        }
        return answer == null ? new ProcessResult(0, "", "") : (ProcessResult) answer;
    }

    @Override
    public void launch(Command command) {
        calls.add(new Call(command.argv(), command.timeout()));
    }
}
