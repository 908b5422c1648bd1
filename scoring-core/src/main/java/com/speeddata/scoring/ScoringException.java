package com.speeddata.scoring;

/** Root of every exception scoring-core throws on purpose. Unchecked; the subclasses carry typed fields. */
public abstract class ScoringException extends RuntimeException {

    protected ScoringException(String message) {
        super(message);
    }

    protected ScoringException(String message, Throwable cause) {
        super(message, cause);
    }
}
