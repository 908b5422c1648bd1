package com.speeddata.scoring.model;

import com.speeddata.scoring.ScoringException;
import java.util.Objects;

/** Model bytes that could not be read at all: a missing resource, an unreadable file or directory. */
public final class ModelLoadException extends ScoringException {

    private final String source;

    public ModelLoadException(String source, String problem, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.source = source;
    }

    public String source() {
        return source;
    }
}
