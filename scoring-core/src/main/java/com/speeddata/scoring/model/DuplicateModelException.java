package com.speeddata.scoring.model;

import com.speeddata.scoring.ScoringException;
import java.util.Objects;

/** Two different models with one name. (The same bytes twice are not an error: they are one model.) */
public final class DuplicateModelException extends ScoringException {

    private final String name;
    private final String firstSource;
    private final String secondSource;

    public DuplicateModelException(String name, String firstSource, String secondSource) {
        super("model name '" + Objects.requireNonNull(name, "name") + "' is used by both "
                + Objects.requireNonNull(firstSource, "firstSource") + " and "
                + Objects.requireNonNull(secondSource, "secondSource") + " with different contents");
        this.name = name;
        this.firstSource = firstSource;
        this.secondSource = secondSource;
    }

    public String name() {
        return name;
    }

    public String firstSource() {
        return firstSource;
    }

    public String secondSource() {
        return secondSource;
    }
}
