package dev.awsmfa.autostart;

import dev.awsmfa.platform.Command;
import dev.awsmfa.platform.ProcessResult;
import dev.awsmfa.platform.ProcessRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records every argv and answers from a script; anything unscripted succeeds with no output. */
final class FakeProcessRunner implements ProcessRunner {

    static final ProcessResult OK = new ProcessResult(0, "", "");

    final List<List<String>> calls = new ArrayList<>();
    private final Map<List<String>, ProcessResult> answers = new HashMap<>();

    FakeProcessRunner answer(List<String> argv, ProcessResult result) {
        answers.put(List.copyOf(argv), result);
        return this;
    }

    @Override
    public ProcessResult run(Command command) {
        calls.add(command.argv());
        return answers.getOrDefault(command.argv(), OK);
    }

    @Override
    public void launch(Command command) {
        calls.add(command.argv());
    }
}
