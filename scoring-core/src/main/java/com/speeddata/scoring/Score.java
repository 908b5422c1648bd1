package com.speeddata.scoring;

import java.util.Objects;

/**
 * The sentiment of one text under one model.
 *
 * @param score compound score in [-1, 1]: negative below zero, positive above
 * @param label the class the model's neutral band gives that score
 */
public record Score(double score, Label label) {

    public Score {
        Objects.requireNonNull(label, "label");
        if (!(score >= -1.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [-1, 1], was " + score);
        }
    }
}
