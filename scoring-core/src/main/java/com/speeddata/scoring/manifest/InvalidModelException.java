package com.speeddata.scoring.manifest;

import com.speeddata.scoring.ScoringException;
import java.util.Objects;

/** A model artifact that is not a valid canonical manifest. */
public final class InvalidModelException extends ScoringException {

    private final String source;
    private final int line;
    private final String problem;

    /**
     * @param source where the bytes came from (a resource name or a path)
     * @param line the 1-based line at fault, or 0 when the problem is not one line's
     * @param problem what is wrong, naming the bad value
     */
    public InvalidModelException(String source, int line, String problem) {
        super(Objects.requireNonNull(source, "source") + (line > 0 ? ":" + line : "") + ": "
                + Objects.requireNonNull(problem, "problem"));
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
