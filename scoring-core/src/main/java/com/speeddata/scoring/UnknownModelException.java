package com.speeddata.scoring;

/** No loaded model has this SHA (HTTP 404). */
public final class UnknownModelException extends ScoringException {
    private final String sha;

    public UnknownModelException(String sha) {
        super("no model with sha " + sha + "; GET /v1/models lists the loaded ones");
        this.sha = sha;
    }

    public String sha() {
        return sha;
    }
}
