package com.speeddata.http.scoring;

import com.speeddata.http.JsonFields;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.usecase.ScoreHeadlines;
import java.util.Set;

/**
 * The model a scoring request names: {@code model_sha}, {@code model} (its name, e.g. {@code "finance"}), both
 * (then they must be the same model: else 400) or neither (the default model). Unknown: 404.
 */
record ModelFields(String sha, String name) {
    static final Set<String> NAMES = Set.of("model_sha", "model");

    /** Reads both fields, reporting a non-string as a field error; resolve after {@link JsonFields#throwIfInvalid}. */
    static ModelFields read(JsonFields fields) {
        return new ModelFields(fields.string("model_sha"), fields.string("model"));
    }

    boolean isEmpty() {
        return sha == null && name == null;
    }

    Model resolve(ScoreHeadlines scorer) {
        return scorer.model(sha, name);
    }
}
