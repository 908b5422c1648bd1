package com.speeddata.scoring.rules;

import java.util.Objects;

/**
 * One item that moved a score: a lexicon term, a phrase, a direction word with its metric ("profit fell"), the
 * text's punctuation emphasis, or a word or word pair weighted by a learned layer.
 *
 * @param text   the words of the item as the engine saw them (lower-cased), e.g. {@code "loss narrowed"}, or the
 *               punctuation marks that counted ({@code "!!"})
 * @param rule   the rule that scored it ({@link Rule}), then each modifier that changed its weight, joined by
 *               {@code +}: {@code "term+booster+negation"}
 * @param weight what the item adds to the text's raw sum, after every modifier; the sum of all weights, normalised
 *               as {@link Explanation} says, is the score
 */
public record Contribution(String text, String rule, double weight) {

    public Contribution {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(rule, "rule");
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be finite, was " + weight);
        }
    }

    /** The rules that score an item, and the modifiers that change its weight, by their names in {@link #rule}. */
    public static final class Rule {
        /** A multi-word lexicon entry ("declined to comment"). */
        public static final String PHRASE = "phrase";
        /** A direction word with a metric near it: polarity of the metric × movement of the direction. */
        public static final String DIRECTION_METRIC = "direction_metric";
        /** Two figures compared ("profit fell to 1.6 mn from 7.5 mn"): polarity of the metric × sign of the change. */
        public static final String NUMERIC_COMPARISON = "numeric_comparison";
        /** A lexicon word's own valence. */
        public static final String TERM = "term";
        /** A direction word with no metric near it and no valence of its own. */
        public static final String BARE_DIRECTION = "bare_direction";
        /** Exclamation and question marks, which strengthen the sum in its own direction. */
        public static final String PUNCTUATION = "punctuation";
        /** A word or word pair weighted by a model's learned layer ("order worth"). */
        public static final String LEARNED = "learned";

        /** Modifier: an ALL CAPS word among mixed-case text. */
        public static final String CAPS = "caps";
        /** Modifier: a booster or dampener up to three tokens before ("very", "slightly"). */
        public static final String BOOSTER = "booster";
        /** Modifier: a negation in the negation window ("not", "no"), or "least". */
        public static final String NEGATION = "negation";
        /** Modifier: the weight a contrast word ("but") gives the items before or after it. */
        public static final String CONTRAST = "contrast";

        private Rule() {}
    }
}
