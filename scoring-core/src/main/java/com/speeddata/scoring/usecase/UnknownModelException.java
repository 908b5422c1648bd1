package com.speeddata.scoring.usecase;

import com.speeddata.scoring.ScoringException;

/** No loaded model has this SHA, or this name (HTTP 404). */
public final class UnknownModelException extends ScoringException {
    private final String sha;

    public UnknownModelException(String sha) {
        super("no model with sha " + sha + "; GET /v1/models lists the loaded ones");
        this.sha = sha;
    }

    private UnknownModelException(String name, boolean byName) {
        super("no model named '" + name + "'; GET /v1/models lists the loaded ones");
        this.sha = null;
    }

    /** No loaded model has this name. */
    public static UnknownModelException named(String name) {
        return new UnknownModelException(name, true);
    }

    /** The SHA asked for, or null when the model was asked for by name. */
    public String sha() {
        return sha;
    }
}
