package com.speeddata.scoring.rules;

/**
 * The version of the scoring logic: tokenizer, rules, normalisation and labelling.
 *
 * <p>Every model manifest names the scorer version it was made for ({@code meta scorer_version}),
 * and the manifest's bytes are hashed into the model SHA. A model is only loaded by the scorer
 * version it names, so a SHA always stands for the same scores.
 *
 * <p><b>Bump {@link #CURRENT} with any change to the code that can change a score or a label</b>
 * (a tokenizer tweak, a rule, a constant, the order of operations), then run
 * {@code scripts/scoring-models rebuild} to rewrite the bundled manifests and update the SHAs
 * pinned in {@code BundledModelsTest}. Changes that cannot change any score (speed, messages)
 * keep the version. Extra models in MODELS_DIR written for another version are refused at load
 * ({@code IncompatibleModelException}); rewrite them with the new version on purpose, which
 * gives them a new SHA.
 */
public final class ScorerVersion {

    /** The scorer version this code implements. */
    public static final int CURRENT = 1;

    private ScorerVersion() {}
}
