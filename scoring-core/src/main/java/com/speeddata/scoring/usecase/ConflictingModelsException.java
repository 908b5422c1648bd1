package com.speeddata.scoring.usecase;

import com.speeddata.scoring.ScoringException;

/** A request names a model by SHA and by name, and they are two different models (HTTP 400). */
public final class ConflictingModelsException extends ScoringException {

    public ConflictingModelsException(String sha, String name, String namedSha) {
        super("model '" + name + "' is the model with sha " + namedSha + ", not " + sha
                + "; send model or model_sha, or both naming the same model");
    }
}
