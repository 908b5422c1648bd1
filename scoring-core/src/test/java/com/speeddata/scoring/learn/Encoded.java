package com.speeddata.scoring.learn;

import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.rules.Contribution;
import com.speeddata.scoring.rules.NgramFeatures;
import com.speeddata.scoring.rules.RuleEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * What the learned layer sees of one example: the raw weights of the base model's rule items, summed by rule and
 * sign (in the order of {@link ModelManifest#RULE_WEIGHT_KEYS}), and the text's n-gram keys ({@link NgramFeatures}).
 */
record Encoded(Example example, double[] ruleSums, List<String> ngrams) {

    static Encoded of(Example example, RuleEngine base) {
        List<Contribution> contributions = new ArrayList<>();
        base.explain(example.text(), contributions);
        double[] sums = new double[ModelManifest.RULE_WEIGHT_KEYS.size()];
        for (Contribution contribution : contributions) {
            String rule = contribution.rule();
            int plus = rule.indexOf('+');
            int index = ModelManifest.LEARNED_RULES.indexOf(plus < 0 ? rule : rule.substring(0, plus));
            if (index < 0) {
                throw new IllegalStateException("the base model has no learned rules: " + contribution);
            }
            sums[2 * index + (contribution.weight() > 0 ? 0 : 1)] += contribution.weight();
        }
        return new Encoded(example, sums, NgramFeatures.of(example.text()));
    }
}
