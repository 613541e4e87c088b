package io.rarakoon.bin;

import java.util.List;

/** The cluster file could not be used; carries every problem found, each with its key and line. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ConfigException(String file, List<String> problems) {
        super(file + ": " + problems.size() + " problem(s)\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as one line: {@code line 7: cluster.quorum: 4 is not in 1..3}. */
    public List<String> problems() {
        return problems;
    }
}
