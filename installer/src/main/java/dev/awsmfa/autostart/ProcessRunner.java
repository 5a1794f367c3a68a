package dev.awsmfa.autostart;

import java.io.IOException;
import java.util.List;

/** Runs a program to completion; injected so tests can record what would have run. */
@FunctionalInterface
public interface ProcessRunner {

    /** @throws IOException when the program cannot start or does not finish in time */
    ProcessResult run(List<String> argv) throws IOException;
}
