package com.speeddata.scoring.learn;

import java.util.Locale;

/**
 * The hyper-parameters of the learned layer.
 *
 * @param neutralBand   the model's neutral band (with its alpha it gives the thresholds on the raw sum)
 * @param ngramL2       L2 penalty on n-gram weights
 * @param ruleL2        L2 penalty on the rule scales' distance from 1
 * @param minCount      texts an n-gram must appear in to get a weight
 * @param teamWeight    weight of a team-written row relative to a tweet
 * @param tweetNeutral  weight of a neutral tweet relative to another tweet (class balance of the tweets)
 * @param steps         full-batch optimiser steps
 * @param prune         n-gram weights smaller than this in magnitude are left out of the artifact
 */
record Settings(
        double neutralBand,
        double ngramL2,
        double ruleL2,
        int minCount,
        double teamWeight,
        double tweetNeutral,
        int steps,
        double prune) {

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "band %.3f ngramL2 %.0e ruleL2 %.0e minCount %d team %.1f tweetNeutral %.1f steps %d prune %.3f",
                neutralBand,
                ngramL2,
                ruleL2,
                minCount,
                teamWeight,
                tweetNeutral,
                steps,
                prune);
    }
}
