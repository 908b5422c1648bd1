package com.speeddata.scoring.model;

import com.speeddata.scoring.Label;
import com.speeddata.scoring.Score;
import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.manifest.Param;
import com.speeddata.scoring.rules.Contribution;
import com.speeddata.scoring.rules.Explanation;
import com.speeddata.scoring.rules.RuleEngine;
import com.speeddata.scoring.rules.ScorerVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A loaded sentiment model: immutable, thread-safe, and identified by the SHA-256 of its
 * canonical manifest. Get models from {@link ModelRegistry}.
 */
public final class Model {

    private final String sha;
    private final String name;
    private final String description;
    private final boolean isDefault;
    private final double neutralBand;
    private final RuleEngine engine;

    private Model(String sha, ModelManifest manifest, boolean isDefault, RuleEngine engine) {
        this.sha = sha;
        this.name = manifest.name();
        this.description = manifest.description();
        this.isDefault = isDefault;
        this.neutralBand = manifest.param(Param.NEUTRAL_BAND);
        this.engine = engine;
    }

    /**
     * Compiles a manifest into a model.
     *
     * @throws IncompatibleModelException if the manifest is for another scorer version
     */
    static Model compile(String source, ModelManifest manifest, boolean isDefault) {
        if (manifest.scorerVersion() != ScorerVersion.CURRENT) {
            throw new IncompatibleModelException(source, manifest.scorerVersion(), ScorerVersion.CURRENT);
        }
        return new Model(manifest.sha256(), manifest, isDefault, new RuleEngine(manifest));
    }

    /** Lower-case hex SHA-256 of the canonical manifest (64 characters). */
    public String sha() {
        return sha;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean isDefault() {
        return isDefault;
    }

    /** Scores within (-band, band) are neutral. */
    public double neutralBand() {
        return neutralBand;
    }

    /**
     * Scores one text. Never throws for a non-null string, whatever it holds (empty, huge,
     * emoji, control characters); the time taken grows linearly with its length.
     */
    public Score score(String text) {
        Objects.requireNonNull(text, "text");
        double value = engine.score(text);
        return new Score(value, labelOf(value));
    }

    /**
     * Scores one text and says why: the same score as {@link #score}, with each term, phrase and rule that moved
     * it and its weight (see {@link Explanation} for how the weights make the score). Slower than {@link #score};
     * use it when a reader asks.
     */
    public Explanation explain(String text) {
        Objects.requireNonNull(text, "text");
        List<Contribution> contributions = new ArrayList<>();
        double value = engine.explain(text, contributions);
        return new Explanation(new Score(value, labelOf(value)), contributions);
    }

    /** The label the neutral band gives a score. */
    public Label labelOf(double score) {
        if (score > 0 && score >= neutralBand) {
            return Label.POSITIVE;
        }
        if (score < 0 && score <= -neutralBand) {
            return Label.NEGATIVE;
        }
        return Label.NEUTRAL;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Model model && model.sha.equals(sha) && model.isDefault == isDefault;
    }

    @Override
    public int hashCode() {
        return sha.hashCode();
    }

    @Override
    public String toString() {
        return "Model[" + name + " " + sha + (isDefault ? " default" : "") + "]";
    }
}
