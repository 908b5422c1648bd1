package com.speeddata.scoring.learn;

import com.speeddata.scoring.Label;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fits the learned layer: a cumulative-link (ordinal) logistic regression over negative &lt; neutral &lt; positive
 * whose linear score is the model's raw sum, {@code z = Σ scale[rule, sign] · ruleSum[rule, sign] + Σ ngram weights}
 * (one weight per n-gram occurrence), with the thresholds ±θ the neutral band gives on the raw sum:
 * P(negative) = σ(−θ − z), P(positive) = σ(z − θ), P(neutral) the rest. So the label the fitted model predicts is the
 * label the band gives its score, and every weight stays one additive contribution to the score.
 *
 * <p>Loss: the example-weighted mean negative log-likelihood, plus {@code ngramL2 · Σ w²} and {@code ruleL2 · Σ
 * (scale − 1)²} (the rules' own weights are the prior). Full-batch Adam for a fixed number of steps from scales 1 and
 * weights 0, in a fixed order with {@link StrictMath}: the same data and settings give the same bits on every JVM.
 * Only n-grams in at least {@code minCount} training texts get a weight.
 */
final class OrdinalTrainer {

    private static final double LEARNING_RATE = 0.05;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    /** What was fitted: a scale per rule and sign, and the weight of each n-gram kept. */
    record Fitted(double[] scales, Map<String, Double> ngrams) {}

    private OrdinalTrainer() {}

    static Fitted fit(List<Encoded> data, double[] exampleWeights, double threshold, Settings settings) {
        List<String> vocabulary = vocabulary(data, settings.minCount());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        int[][] features = new int[data.size()][];
        for (int n = 0; n < data.size(); n++) {
            features[n] = data.get(n).ngrams().stream()
                    .filter(index::containsKey)
                    .mapToInt(index::get)
                    .toArray();
        }
        int rules = data.get(0).ruleSums().length;
        int size = rules + vocabulary.size();
        double[] params = new double[size];
        java.util.Arrays.fill(params, 0, rules, 1.0);
        double[] m = new double[size];
        double[] v = new double[size];
        double[] gradient = new double[size];
        double total = 0;
        for (double weight : exampleWeights) {
            total += weight;
        }
        for (int step = 1; step <= settings.steps(); step++) {
            for (int j = 0; j < size; j++) {
                gradient[j] = j < rules ? 2 * settings.ruleL2() * (params[j] - 1) : 2 * settings.ngramL2() * params[j];
            }
            for (int n = 0; n < data.size(); n++) {
                double[] sums = data.get(n).ruleSums();
                double z = 0;
                for (int r = 0; r < rules; r++) {
                    z += params[r] * sums[r];
                }
                for (int f : features[n]) {
                    z += params[rules + f];
                }
                double g = exampleWeights[n]
                        / total
                        * lossSlope(data.get(n).example().label(), z, threshold);
                for (int r = 0; r < rules; r++) {
                    gradient[r] += g * sums[r];
                }
                for (int f : features[n]) {
                    gradient[rules + f] += g;
                }
            }
            double correction1 = 1 - StrictMath.pow(BETA1, step);
            double correction2 = 1 - StrictMath.pow(BETA2, step);
            for (int j = 0; j < size; j++) {
                m[j] = BETA1 * m[j] + (1 - BETA1) * gradient[j];
                v[j] = BETA2 * v[j] + (1 - BETA2) * gradient[j] * gradient[j];
                params[j] -= LEARNING_RATE * (m[j] / correction1) / (StrictMath.sqrt(v[j] / correction2) + EPSILON);
            }
        }
        double[] scales = java.util.Arrays.copyOf(params, rules);
        Map<String, Double> ngrams = new TreeMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            ngrams.put(vocabulary.get(i), params[rules + i]);
        }
        return new Fitted(scales, ngrams);
    }

    /** d(−log P(label | z)) / dz. */
    static double lossSlope(Label label, double z, double threshold) {
        return switch (label) {
            case NEGATIVE -> sigmoid(z + threshold);
            case POSITIVE -> -sigmoid(threshold - z);
            case NEUTRAL -> {
                double u = sigmoid(threshold - z);
                double l = sigmoid(-threshold - z);
                double p = Math.max(u - l, 1e-12);
                yield (u * (1 - u) - l * (1 - l)) / p;
            }
        };
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + StrictMath.exp(-x));
        }
        double e = StrictMath.exp(x);
        return e / (1 + e);
    }

    /** The n-grams in at least {@code minCount} texts, sorted. */
    private static List<String> vocabulary(List<Encoded> data, int minCount) {
        Map<String, Integer> documents = new HashMap<>();
        for (Encoded encoded : data) {
            Set<String> seen = new HashSet<>(encoded.ngrams());
            for (String key : seen) {
                documents.merge(key, 1, Integer::sum);
            }
        }
        TreeSet<String> kept = new TreeSet<>();
        documents.forEach((key, count) -> {
            if (count >= minCount && usable(key)) {
                kept.add(key);
            }
        });
        return List.copyOf(kept);
    }

    /** A key a manifest accepts: words of at most 64 characters, lower-case as the tokenizer writes them. */
    private static boolean usable(String key) {
        for (String word : key.split(" ")) {
            if (word.length() > 64 || !word.equals(word.toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
