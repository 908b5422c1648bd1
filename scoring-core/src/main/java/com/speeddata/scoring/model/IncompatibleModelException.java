package com.speeddata.scoring.model;

import com.speeddata.scoring.ScoringException;
import com.speeddata.scoring.rules.ScorerVersion;
import java.util.Objects;

/** A model made for another scorer version than this code's {@link ScorerVersion#CURRENT}. */
public final class IncompatibleModelException extends ScoringException {

    private final String source;
    private final int modelScorerVersion;
    private final int supportedScorerVersion;

    public IncompatibleModelException(String source, int modelScorerVersion, int supportedScorerVersion) {
        super(Objects.requireNonNull(source, "source") + ": model is for scorer version " + modelScorerVersion
                + " but this scorer is version " + supportedScorerVersion
                + "; rewrite the manifest for this version (that gives it a new SHA)");
        this.source = source;
        this.modelScorerVersion = modelScorerVersion;
        this.supportedScorerVersion = supportedScorerVersion;
    }

    public String source() {
        return source;
    }

    public int modelScorerVersion() {
        return modelScorerVersion;
    }

    public int supportedScorerVersion() {
        return supportedScorerVersion;
    }
}
