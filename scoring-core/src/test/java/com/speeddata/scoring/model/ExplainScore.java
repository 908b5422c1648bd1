package com.speeddata.scoring.model;

import com.speeddata.scoring.rules.Contribution;
import com.speeddata.scoring.rules.Explanation;
import java.util.Locale;

/**
 * Maintainer aid: prints what moved a text's score under a model ({@link Model#explain}), then the score.
 * {@code java -cp ... com.speeddata.scoring.ExplainScore [model name] "text"}.
 */
public final class ExplainScore {

    private ExplainScore() {}

    public static void main(String[] args) {
        String modelName = args.length > 1 ? args[0] : ModelRegistry.DEFAULT_MODEL_NAME;
        Model model = ModelRegistry.bundled().findByName(modelName).orElseThrow();
        Explanation explanation = model.explain(args[args.length - 1]);
        for (Contribution contribution : explanation.contributions()) {
            System.out.printf(
                    Locale.ROOT, "%+8.4f  %-28s %s%n", contribution.weight(), contribution.rule(), contribution.text());
        }
        System.out.printf(Locale.ROOT, "sum %+.4f -> %s%n", explanation.sum(), explanation.score());
    }
}
