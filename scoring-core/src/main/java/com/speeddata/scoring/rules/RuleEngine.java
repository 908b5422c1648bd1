package com.speeddata.scoring.rules;

import com.speeddata.scoring.manifest.Contrast;
import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.manifest.Param;
import java.util.List;
import java.util.Objects;

/**
 * The VADER-style rules plus the finance rules, driven entirely by one manifest. A text's
 * tokens become scored items in three passes (four with numeric comparisons), each token joining at most one item:
 *
 * <ol>
 *   <li><b>phrases</b>: the longest phrase starting at a token, inside one clause, replaces its words;</li>
 *   <li>only for models that set {@link Param#COMPARISON_WEIGHT} and {@link Param#COMPARISON_WINDOW}:
 *       <b>numeric comparisons</b> ("profit fell to 1.6 mn from 7.5 mn", "margin 13.6 % compared with 14.3 %"): the
 *       direction comes from the figures, the polarity from the metric before them;</li>
 *   <li><b>direction × metric</b>: a direction word ("rose", "cuts", "narrower") with a metric word
 *       ("profit", "costs", "loss") within the windows before or after it, in the same clause, scores
 *       polarity × movement ("loss narrowed" = -1 × -1.5 = +1.5);</li>
 *   <li><b>terms</b>: the remaining lexicon words; a direction word left without a metric scores its own
 *       term, or else movement × {@link Param#BARE_DIRECTION_WEIGHT}.</li>
 * </ol>
 *
 * Each item is then modified by the tokens before it (its head token, for direction × metric):
 * caps emphasis, boosters and dampeners up to three back (weights 1, 0.95, 0.9), each negation
 * in the negation window, "least"; then weighted by the first contrast word. The sum gets the
 * punctuation emphasis and is normalised to [-1, 1]. Any change here needs a new
 * {@link ScorerVersion#CURRENT}.
 *
 * <p>{@link #explain} runs the same passes and also records each item's final weight ({@link Contribution});
 * {@link #score} records nothing and allocates nothing for it.
 *
 * <p>Embedders score through {@code Model}, which owns one engine; the engine is public only so
 * that {@code Model} (in {@code com.speeddata.scoring.model}) can build it.
 */
public final class RuleEngine {

    private static final double[] BOOSTER_DECAY = {0, 1.0, 0.95, 0.9};
    private static final int BOOSTER_WINDOW = 3;
    private static final int CAPS = 1;
    private static final int BOOSTED = 2;
    private static final int NEGATED = 4;

    private final Vocabulary vocabulary;
    /** Null for a rules-only model. */
    private final LearnedLayer learned;

    private final double alpha;
    private final double capsIncrement;
    private final double negationScalar;
    private final int negationWindow;
    private final double exclamationWeight;
    private final int exclamationCap;
    private final double questionWeight;
    private final double questionCap;
    private final boolean clauseScope;
    private final int metricWindowBefore;
    private final int metricWindowAfter;
    private final double bareDirectionWeight;
    private final boolean comparing;
    private final double comparisonWeight;
    private final int comparisonWindow;
    private final double comparisonFlat;

    public RuleEngine(ModelManifest manifest) {
        vocabulary = Vocabulary.of(manifest);
        learned = LearnedLayer.of(manifest);
        alpha = manifest.param(Param.ALPHA);
        capsIncrement = manifest.param(Param.CAPS_INCREMENT);
        negationScalar = manifest.param(Param.NEGATION_SCALAR);
        negationWindow = (int) manifest.param(Param.NEGATION_WINDOW);
        exclamationWeight = manifest.param(Param.EXCLAMATION_WEIGHT);
        exclamationCap = (int) manifest.param(Param.EXCLAMATION_CAP);
        questionWeight = manifest.param(Param.QUESTION_WEIGHT);
        questionCap = manifest.param(Param.QUESTION_CAP);
        clauseScope = manifest.param(Param.CLAUSE_SCOPE) == 1;
        metricWindowBefore = (int) manifest.param(Param.METRIC_WINDOW_BEFORE);
        metricWindowAfter = (int) manifest.param(Param.METRIC_WINDOW_AFTER);
        bareDirectionWeight = manifest.param(Param.BARE_DIRECTION_WEIGHT);
        comparisonWeight = manifest.param(Param.COMPARISON_WEIGHT);
        comparisonWindow = (int) manifest.param(Param.COMPARISON_WINDOW);
        comparisonFlat = manifest.param(Param.COMPARISON_FLAT);
        comparing = comparisonWeight > 0 && comparisonWindow > 0;
    }

    /** The compound score of a text, in [-1, 1]. */
    public double score(String text) {
        return score(text, null);
    }

    /** The compound score of a text, with the items that make it added to {@code contributions}. */
    public double explain(String text, List<Contribution> contributions) {
        return score(text, Objects.requireNonNull(contributions, "contributions"));
    }

    /** @param contributions where each item's weight goes, or null to record nothing (the hot path) */
    private double score(String text, List<Contribution> contributions) {
        Tokens tokens = Tokenizer.tokenize(text);
        Pass pass = tokens.size() == 0
                ? null
                : (contributions == null ? new Pass(tokens) : new ExplainingPass(tokens, contributions));
        double sum = pass == null ? 0 : pass.sum();
        double emphasis = punctuationEmphasis(sum, text);
        if (learned == null) {
            record(contributions, text, Contribution.Rule.PUNCTUATION, emphasis);
            return compound(sum + emphasis);
        }
        double scaledEmphasis = learned.scaled(Contribution.Rule.PUNCTUATION, emphasis);
        record(contributions, text, Contribution.Rule.PUNCTUATION, scaledEmphasis);
        double scaledSum = (pass == null ? 0 : pass.scaledSum) + scaledEmphasis;
        return compound(scaledSum + learned.ngrams(tokens, contributions));
    }

    /** The combination rule: the raw sum normalised to [-1, 1] (see {@link Explanation}). */
    private double compound(double sum) {
        double compound = sum / Math.sqrt(sum * sum + alpha);
        if (Double.isNaN(compound)) {
            return 0;
        }
        return Math.max(-1.0, Math.min(1.0, compound));
    }

    /** The emphasis of the text's exclamation and question marks, signed as the sum (0 when the sum is). */
    private double punctuationEmphasis(double sum, String text) {
        if (sum == 0) {
            return 0;
        }
        int exclamations = count(text, '!');
        int questions = count(text, '?');
        double emphasis = Math.min(exclamations, exclamationCap) * exclamationWeight;
        if (questions > 1) {
            emphasis += questions <= 3 ? questions * questionWeight : questionCap;
        }
        return sum > 0 ? emphasis : -emphasis;
    }

    private static int count(String text, char mark) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == mark) {
                count++;
            }
        }
        return count;
    }

    /** Records the punctuation emphasis, naming the marks that counted. */
    private void record(List<Contribution> contributions, String text, String rule, double weight) {
        if (contributions == null || weight == 0) {
            return;
        }
        int exclamations = count(text, '!');
        int questions = count(text, '?');
        String marks = "!".repeat(Math.min(exclamations, exclamationCap))
                + (questions > 1 ? "?".repeat(Math.min(questions, 3)) : ""); // more than three count as three
        contributions.add(new Contribution(marks, rule, weight));
    }

    /**
     * The state of scoring one text. Its hooks {@link #scored}, {@link #scoredPair} and {@link #modifiedBy} record
     * nothing here; {@link ExplainingPass} records with them, so that scoring alone carries no recording state.
     */
    private class Pass {

        final Tokens tokens;
        private final int size;
        private final Word[] words;
        private final boolean[] used;
        private int contrastAt = -1;
        private Contrast contrast;
        /** The items' weights as the learned layer scales them (models with one only). */
        double scaledSum;

        Pass(Tokens tokens) {
            this.tokens = tokens;
            size = tokens.size();
            words = new Word[size];
            used = new boolean[size];
            for (int i = 0; i < size; i++) {
                Word word = vocabulary.get(tokens.word(i));
                words[i] = word;
                if (contrastAt < 0 && word != null && word.contrast != null) {
                    contrastAt = i;
                    contrast = word.contrast;
                }
            }
        }

        double sum() {
            double sum = phrases();
            if (comparing) {
                sum += comparisons();
            }
            return sum + directionsWithMetrics() + terms();
        }

        private double phrases() {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                Word word = words[i];
                if (word == null || word.phrases == null) {
                    continue;
                }
                for (Word.Phrase phrase : word.phrases) {
                    int last = i + phrase.words().length - 1;
                    if (matches(phrase, i)) {
                        boolean caps = false;
                        for (int k = i; k <= last; k++) {
                            used[k] = true;
                            caps |= tokens.caps(k);
                        }
                        double weight = weighed(modified(phrase.valence(), i, caps), last);
                        sum += weight;
                        scored(i, last, Contribution.Rule.PHRASE, last, weight);
                        i = last;
                        break;
                    }
                }
            }
            return sum;
        }

        private boolean matches(Word.Phrase phrase, int start) {
            String[] parts = phrase.words();
            if (start + parts.length > size) {
                return false;
            }
            for (int k = 0; k < parts.length; k++) {
                int at = start + k;
                if (used[at] || !parts[k].equals(tokens.word(at)) || (k > 0 && tokens.breakAfter(at - 1))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Numeric comparisons ({@link Comparison}): the nearest unused metric up to the comparison window before
         * the figures, polarity × ±{@link Param#COMPARISON_WEIGHT} by which figure is larger (0 when the change is
         * within {@link Param#COMPARISON_FLAT}). The earlier figure counts as negative when a metric of the
         * opposite polarity names it ("profit of 3.3 compared with a loss of 1.9"). The tokens from the metric to
         * the last figure join the item, so a direction word among them ("fell to 1.6 from 7.5") is not scored
         * again.
         */
        private double comparisons() {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                if (used[i]) {
                    continue;
                }
                Comparison comparison = Comparison.at(tokens, i);
                if (comparison == null) {
                    continue;
                }
                int metric = comparedMetric(comparison.first());
                if (metric < 0) {
                    continue;
                }
                double polarity = words[metric].metric;
                double current = comparison.current();
                double earlier = comparison.earlier();
                if (oppositeMetricBetween(comparison.connector(), comparison.earlierAt(), polarity)) {
                    earlier = -earlier;
                }
                double change = current - earlier;
                boolean flat = Math.abs(change) <= comparisonFlat * Math.max(Math.abs(current), Math.abs(earlier));
                double valence = flat ? 0 : polarity * Math.signum(change) * comparisonWeight;
                int last = comparison.last();
                for (int k = metric; k <= last; k++) {
                    used[k] = true;
                }
                if (valence != 0) {
                    double weight = weighed(modified(valence, metric, tokens.caps(metric)), metric);
                    sum += weight;
                    scored(metric, last, Contribution.Rule.NUMERIC_COMPARISON, metric, weight);
                }
                i = last;
            }
            return sum;
        }

        /** The nearest unused metric up to the comparison window before token {@code first}, or -1. */
        private int comparedMetric(int first) {
            for (int j = first - 1; j >= Math.max(0, first - comparisonWindow); j--) {
                if (!used[j] && words[j] != null && words[j].isMetric()) {
                    return j;
                }
            }
            return -1;
        }

        private boolean oppositeMetricBetween(int from, int to, double polarity) {
            for (int k = from + 1; k < to; k++) {
                if (words[k] != null && words[k].isMetric() && words[k].metric * polarity < 0) {
                    return true;
                }
            }
            return false;
        }

        private double directionsWithMetrics() {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                Word word = words[i];
                if (used[i] || word == null || !word.isDirection()) {
                    continue;
                }
                int metric = metricFor(i);
                if (metric >= 0) {
                    used[i] = true;
                    used[metric] = true;
                    double valence = words[metric].metric * word.direction;
                    if (valence != 0) {
                        double weight = weighed(modified(valence, i, tokens.caps(i)), i);
                        sum += weight;
                        scoredPair(Math.min(i, metric), Math.max(i, metric), i, weight);
                    }
                }
            }
            return sum;
        }

        /**
         * The nearest unused metric before the direction word at i, else after it, within the windows and
         * the clause, not looking past another direction word (a metric belongs to its nearest direction).
         */
        private int metricFor(int i) {
            int before = nearestMetric(i, -1, metricWindowBefore);
            return before >= 0 ? before : nearestMetric(i, 1, metricWindowAfter);
        }

        /** The nearest unused metric from i going one way ({@code step} -1 or 1), or -1. */
        private int nearestMetric(int i, int step, int window) {
            for (int d = 1; d <= window; d++) {
                int j = i + step * d;
                if (j < 0 || j >= size) {
                    break;
                }
                if (clauseScope && tokens.breakAfter(Math.min(j, j - step))) { // a break between j and i's side
                    break;
                }
                Word word = words[j];
                if (word == null) {
                    continue;
                }
                if (word.isDirection()) {
                    break;
                }
                if (!used[j] && word.isMetric()) {
                    return j;
                }
            }
            return -1;
        }

        private double terms() {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                Word word = words[i];
                if (used[i] || word == null || word.isBooster()) {
                    continue;
                }
                double valence = word.term;
                boolean bare = Double.isNaN(valence) && word.isDirection();
                if (bare) {
                    valence = word.direction * bareDirectionWeight;
                }
                if (Double.isNaN(valence) || valence == 0 || (word.negation && nextIsScored(i))) {
                    continue;
                }
                double weight = weighed(modified(valence, i, tokens.caps(i)), i);
                sum += weight;
                scored(i, i, bare ? Contribution.Rule.BARE_DIRECTION : Contribution.Rule.TERM, i, weight);
            }
            return sum;
        }

        /** "no" before a scored word negates it instead of scoring itself. */
        private boolean nextIsScored(int i) {
            if (i + 1 >= size) {
                return false;
            }
            Word next = words[i + 1];
            return used[i + 1]
                    || (next != null && ((!Double.isNaN(next.term) && next.term != 0) || next.isDirection()));
        }

        /** Caps emphasis, then boosters, negations and "least" from the tokens before {@code head}. */
        private double modified(double valence, int head, boolean caps) {
            boolean mixedCaps = tokens.mixedCaps();
            int modifiers = 0;
            if (caps && mixedCaps) {
                valence += valence > 0 ? capsIncrement : -capsIncrement;
                modifiers |= CAPS;
            }
            double boosted = valence;
            for (int d = 1; d <= BOOSTER_WINDOW && head - d >= 0; d++) {
                int j = head - d;
                if (clauseScope && tokens.breakAfter(j)) {
                    break;
                }
                Word word = words[j];
                if (word != null && word.isBooster()) {
                    double scalar = valence < 0 ? -word.booster : word.booster;
                    if (mixedCaps && tokens.caps(j)) {
                        scalar += valence > 0 ? capsIncrement : -capsIncrement;
                    }
                    boosted += scalar * BOOSTER_DECAY[d];
                    modifiers |= BOOSTED;
                }
            }
            valence = boosted;
            for (int d = 1; d <= negationWindow && head - d >= 0; d++) {
                int j = head - d;
                if (clauseScope && tokens.breakAfter(j)) {
                    break;
                }
                if (words[j] != null && words[j].negation) {
                    valence *= negationScalar;
                    modifiers |= NEGATED;
                }
            }
            if (head > 0
                    && "least".equals(tokens.word(head - 1))
                    && !(head > 1 && ("at".equals(tokens.word(head - 2)) || "very".equals(tokens.word(head - 2))))) {
                valence *= negationScalar;
                modifiers |= NEGATED;
            }
            modifiedBy(modifiers);
            return valence;
        }

        /** Hook: {@link #modified} applied these modifiers (bits CAPS, BOOSTED, NEGATED) to the next item. */
        void modifiedBy(int modifiers) {}

        /**
         * Hook: tokens first..last scored as one item by the rule, weighed at token {@code at}. Here: adds the
         * weight, as the learned layer (if any) scales it, to {@link #scaledSum}.
         */
        void scored(int first, int last, String rule, int at, double weight) {
            if (learned != null) {
                scaledSum += learned.scaled(rule, weight);
            }
        }

        /** Hook: a direction word and its metric (first, second in text order) scored, weighed at the direction. */
        void scoredPair(int first, int second, int head, double weight) {
            if (learned != null) {
                scaledSum += learned.scaled(Contribution.Rule.DIRECTION_METRIC, weight);
            }
        }

        /** The factor the contrast word gives an item weighed at token {@code at}. */
        double contrastWeight(int at) {
            if (contrastAt < 0 || at == contrastAt) {
                return 1;
            }
            return at < contrastAt ? contrast.before() : contrast.after();
        }

        private double weighed(double valence, int at) {
            return valence * contrastWeight(at);
        }
    }

    /** A pass that also records each item it scores, with the rule and modifiers that made its weight. */
    private final class ExplainingPass extends Pass {

        private final List<Contribution> contributions;
        private int lastModifiers;

        ExplainingPass(Tokens tokens, List<Contribution> contributions) {
            super(tokens);
            this.contributions = contributions;
        }

        @Override
        void modifiedBy(int modifiers) {
            lastModifiers = modifiers;
        }

        @Override
        void scored(int first, int last, String rule, int at, double weight) {
            super.scored(first, last, rule, at, weight);
            StringBuilder text = new StringBuilder(tokens.word(first));
            for (int k = first + 1; k <= last; k++) {
                text.append(' ').append(tokens.word(k));
            }
            add(text.toString(), rule, at, weight);
        }

        @Override
        void scoredPair(int first, int second, int head, double weight) {
            super.scoredPair(first, second, head, weight);
            add(tokens.word(first) + " " + tokens.word(second), Contribution.Rule.DIRECTION_METRIC, head, weight);
        }

        private void add(String text, String rule, int at, double ruleWeight) {
            double weight = learned == null ? ruleWeight : learned.scaled(rule, ruleWeight);
            if (weight == 0) {
                return; // moved nothing
            }
            StringBuilder name = new StringBuilder(rule);
            if ((lastModifiers & CAPS) != 0) {
                name.append('+').append(Contribution.Rule.CAPS);
            }
            if ((lastModifiers & BOOSTED) != 0) {
                name.append('+').append(Contribution.Rule.BOOSTER);
            }
            if ((lastModifiers & NEGATED) != 0) {
                name.append('+').append(Contribution.Rule.NEGATION);
            }
            if (contrastWeight(at) != 1) {
                name.append('+').append(Contribution.Rule.CONTRAST);
            }
            contributions.add(new Contribution(text, name.toString(), weight));
        }
    }
}
