package com.speeddata.scoring.rules;

import com.speeddata.scoring.manifest.ModelManifest;
import java.util.HashMap;
import java.util.Map;

/** The lookup table compiled from a manifest. Immutable once built, so safe to share across threads. */
final class Vocabulary {

    private final Map<String, Word> words;

    private Vocabulary(Map<String, Word> words) {
        this.words = words;
    }

    static Vocabulary of(ModelManifest manifest) {
        Map<String, Word> words = new HashMap<>();
        manifest.terms().forEach((key, value) -> word(words, key).term = value);
        manifest.boosters().forEach((key, value) -> word(words, key).booster = value);
        manifest.negations().forEach(key -> word(words, key).negation = true);
        manifest.contrasts().forEach((key, value) -> word(words, key).contrast = value);
        manifest.metrics().forEach((key, value) -> word(words, key).metric = value);
        manifest.directions().forEach((key, value) -> word(words, key).direction = value);
        manifest.phrases().forEach((key, value) -> {
            String[] parts = key.split(" ");
            word(words, parts[0]).addPhrase(new Word.Phrase(key, parts, value));
        });
        return new Vocabulary(Map.copyOf(words));
    }

    /** The entry for a lower-cased token, or null. */
    Word get(String token) {
        return words.get(token);
    }

    private static Word word(Map<String, Word> words, String key) {
        return words.computeIfAbsent(key, k -> new Word());
    }
}
