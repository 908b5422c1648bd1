package com.speeddata.scoring.manifest;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Mutable collector of manifest entries, one line at a time, refusing a (kind, key) seen before. */
final class ManifestDraft {

    String name;
    Integer scorerVersion;
    String description;
    final Map<Param, Double> params = new EnumMap<>(Param.class);
    final Map<String, Double> terms = new HashMap<>();
    final Map<String, Double> boosters = new HashMap<>();
    final Set<String> negations = new HashSet<>();
    final Map<String, Double> phrases = new HashMap<>();
    final Map<String, Contrast> contrasts = new HashMap<>();
    final Map<String, Double> metrics = new HashMap<>();
    final Map<String, Double> directions = new HashMap<>();
    final Map<String, Double> ruleWeights = new HashMap<>();
    final Map<String, Double> ngrams = new HashMap<>();

    ModelManifest build() {
        if (name == null || scorerVersion == null || description == null) {
            throw new IllegalArgumentException("meta name, scorer_version and description are all required");
        }
        return new ModelManifest(
                name,
                scorerVersion,
                description,
                params,
                terms,
                boosters,
                negations,
                phrases,
                contrasts,
                metrics,
                directions,
                ruleWeights,
                ngrams);
    }

    /** A draft holding everything in the manifest, to edit and build again. */
    static ManifestDraft of(ModelManifest manifest) {
        ManifestDraft draft = new ManifestDraft();
        draft.name = manifest.name();
        draft.scorerVersion = manifest.scorerVersion();
        draft.description = manifest.description();
        draft.params.putAll(manifest.params());
        draft.terms.putAll(manifest.terms());
        draft.boosters.putAll(manifest.boosters());
        draft.negations.addAll(manifest.negations());
        draft.phrases.putAll(manifest.phrases());
        draft.contrasts.putAll(manifest.contrasts());
        draft.metrics.putAll(manifest.metrics());
        draft.directions.putAll(manifest.directions());
        draft.ruleWeights.putAll(manifest.ruleWeights());
        draft.ngrams.putAll(manifest.ngrams());
        return draft;
    }
}
