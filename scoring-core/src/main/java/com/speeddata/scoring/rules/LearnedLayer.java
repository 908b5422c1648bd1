package com.speeddata.scoring.rules;

import com.speeddata.scoring.manifest.ModelManifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned layer of a model that has one: a weight per rule and sign that scales each rule item, and a weight
 * per word and word pair ({@link NgramFeatures}) seen in training. The raw sum of a text is then the scaled rule
 * items plus the weights of its n-grams, one per occurrence. Immutable once built.
 */
final class LearnedLayer {

    private final double[] scales = new double[ModelManifest.RULE_WEIGHT_KEYS.size()];
    /** feature word → its own weight (0 if it has none) and the weights of the pairs it starts. */
    private final Map<String, Entry> entries;

    private LearnedLayer(ModelManifest manifest) {
        List<String> keys = ModelManifest.RULE_WEIGHT_KEYS;
        for (int i = 0; i < keys.size(); i++) {
            scales[i] = manifest.ruleWeights().get(keys.get(i));
        }
        Map<String, Entry> table = new HashMap<>();
        manifest.ngrams().forEach((key, weight) -> {
            int space = key.indexOf(' ');
            if (space < 0) {
                table.computeIfAbsent(key, k -> new Entry()).weight = weight;
            } else {
                table.computeIfAbsent(key.substring(0, space), k -> new Entry())
                        .pairs
                        .put(key.substring(space + 1), weight);
            }
        });
        entries = Map.copyOf(table);
    }

    /** The layer of a learned model, or null for a rules-only one. */
    static LearnedLayer of(ModelManifest manifest) {
        return manifest.isLearned() ? new LearnedLayer(manifest) : null;
    }

    /** A rule item's weight as the layer scales it, by the item's rule ({@code Contribution.Rule}) and sign. */
    double scaled(String rule, double weight) {
        if (weight == 0) {
            return 0;
        }
        int index = 2 * ruleIndex(rule) + (weight > 0 ? 0 : 1);
        return weight * scales[index];
    }

    /** The position of a rule in {@link ModelManifest#LEARNED_RULES}. */
    static int ruleIndex(String rule) {
        return switch (rule) {
            case Contribution.Rule.PHRASE -> 0;
            case Contribution.Rule.NUMERIC_COMPARISON -> 1;
            case Contribution.Rule.DIRECTION_METRIC -> 2;
            case Contribution.Rule.TERM -> 3;
            case Contribution.Rule.BARE_DIRECTION -> 4;
            case Contribution.Rule.PUNCTUATION -> 5;
            default -> throw new IllegalArgumentException("no learned weight for rule " + rule);
        };
    }

    /**
     * The sum of the n-gram weights of the tokens, in token order (each word, then the pair it ends).
     *
     * @param contributions where each non-zero weight goes with the tokens it names, or null to record nothing
     */
    double ngrams(Tokens tokens, List<Contribution> contributions) {
        double sum = 0;
        Entry previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            String word = NgramFeatures.feature(tokens.word(i));
            Entry entry = word == null ? null : entries.get(word);
            if (entry != null && entry.weight != 0) {
                sum += entry.weight;
                record(contributions, tokens.word(i), entry.weight);
            }
            if (previous != null && word != null) {
                Double pair = previous.pairs.get(word);
                if (pair != null) {
                    sum += pair;
                    record(contributions, tokens.word(i - 1) + " " + tokens.word(i), pair);
                }
            }
            previous = word == null ? null : entry;
        }
        return sum;
    }

    private static void record(List<Contribution> contributions, String text, double weight) {
        if (contributions != null && weight != 0) {
            contributions.add(new Contribution(text, Contribution.Rule.LEARNED, weight));
        }
    }

    private static final class Entry {
        double weight;
        final Map<String, Double> pairs = new HashMap<>();
    }
}
