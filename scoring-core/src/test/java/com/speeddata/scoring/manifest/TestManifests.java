package com.speeddata.scoring.manifest;

import com.speeddata.scoring.rules.ScorerVersion;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Small manifests for tests. */
public final class TestManifests {

    private TestManifests() {}

    public static Map<Param, Double> vaderParams() {
        Map<Param, Double> params = new EnumMap<>(Param.class);
        params.put(Param.ALPHA, 15.0);
        params.put(Param.CAPS_INCREMENT, 0.733);
        params.put(Param.NEGATION_SCALAR, -0.74);
        params.put(Param.NEGATION_WINDOW, 3.0);
        params.put(Param.EXCLAMATION_WEIGHT, 0.292);
        params.put(Param.EXCLAMATION_CAP, 4.0);
        params.put(Param.QUESTION_WEIGHT, 0.18);
        params.put(Param.QUESTION_CAP, 0.96);
        params.put(Param.NEUTRAL_BAND, 0.05);
        params.put(Param.CLAUSE_SCOPE, 1.0);
        params.put(Param.METRIC_WINDOW_BEFORE, 3.0);
        params.put(Param.METRIC_WINDOW_AFTER, 2.0);
        params.put(Param.BARE_DIRECTION_WEIGHT, 0.8);
        return params;
    }

    /** A tiny finance-like model, for the current scorer version. */
    public static ModelManifest small(String name) {
        return new ModelManifest(
                name,
                ScorerVersion.CURRENT,
                "Test model " + name,
                vaderParams(),
                Map.of("good", 1.9, "bad", -2.5, "loss", -1.3, "profit", 1.9, "liability", 0.0, "café", 1.0),
                Map.of("very", 0.293, "slightly", -0.293),
                Set.of("not", "never"),
                Map.of("profit warning", -2.5, "in the red", -1.5),
                Map.of("but", new Contrast(0.5, 1.5)),
                Map.of("profit", 1.0, "loss", -1.0, "costs", -1.0),
                Map.of("rose", 1.5, "fell", -1.5, "narrowed", -1.5));
    }

    /**
     * The small model with a learned layer: every rule scale {@code scale}, except positive terms at
     * {@code positiveTermScale}, and the given n-gram weights.
     */
    public static ModelManifest learned(double scale, double positiveTermScale, Map<String, Double> ngrams) {
        ManifestDraft draft = ManifestDraft.of(small("learned"));
        ModelManifest.RULE_WEIGHT_KEYS.forEach(key -> draft.ruleWeights.put(key, scale));
        draft.ruleWeights.put("term.positive", positiveTermScale);
        draft.ngrams.putAll(ngrams);
        return draft.build();
    }

    /** The same model with one term added or changed. */
    public static ModelManifest withTerm(ModelManifest manifest, String word, double valence) {
        ManifestDraft draft = ManifestDraft.of(manifest);
        draft.terms.put(word, valence);
        return draft.build();
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
