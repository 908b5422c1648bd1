package com.speeddata.scoring.rules;

import com.speeddata.scoring.manifest.Contrast;
import java.util.Arrays;
import java.util.Comparator;

/** Everything a model knows about one lower-cased token, found with a single hash lookup. NaN means "not one". */
final class Word {

    double term = Double.NaN;
    double booster = Double.NaN;
    boolean negation;
    Contrast contrast;
    double metric = Double.NaN;
    double direction = Double.NaN;
    /** Phrases starting with this word, longest first. */
    Phrase[] phrases;

    boolean isBooster() {
        return !Double.isNaN(booster);
    }

    boolean isMetric() {
        return !Double.isNaN(metric);
    }

    boolean isDirection() {
        return !Double.isNaN(direction);
    }

    void addPhrase(Phrase phrase) {
        phrases = phrases == null ? new Phrase[] {phrase} : Arrays.copyOf(phrases, phrases.length + 1);
        phrases[phrases.length - 1] = phrase;
        Arrays.sort(
                phrases,
                Comparator.comparingInt((Phrase p) -> -p.words().length).thenComparing(Phrase::key));
    }

    /** A multi-word entry: its words and the valence that replaces theirs. */
    record Phrase(String key, String[] words, double valence) {}
}
