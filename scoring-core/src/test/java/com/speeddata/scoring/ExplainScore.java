package com.speeddata.scoring;

import java.util.Locale;

/**
 * Maintainer aid: prints each token of a text with what a model's vocabulary says about it,
 * then the score. {@code java -cp ... com.speeddata.scoring.ExplainScore [model] "text"}.
 */
public final class ExplainScore {

    private ExplainScore() {
    }

    public static void main(String[] args) {
        String modelName = args.length > 1 ? args[0] : ModelRegistry.DEFAULT_MODEL_NAME;
        String text = args[args.length - 1];
        ModelRegistry registry = ModelRegistry.bundled();
        Model model = registry.findByName(modelName).orElseThrow();
        String file = modelName + ".model";
        ModelManifest manifest = ModelManifest.parseCanonical(file, BundledModelSources.resource("models/" + file));
        Vocabulary vocabulary = Vocabulary.of(manifest);
        Tokens tokens = Tokenizer.tokenize(text);
        for (int i = 0; i < tokens.size(); i++) {
            Word w = vocabulary.get(tokens.word(i));
            StringBuilder about = new StringBuilder();
            if (w != null) {
                if (!Double.isNaN(w.term)) {
                    about.append(" term=").append(w.term);
                }
                if (w.isBooster()) {
                    about.append(" booster=").append(w.booster);
                }
                if (w.negation) {
                    about.append(" negation");
                }
                if (w.contrast != null) {
                    about.append(" contrast=").append(w.contrast);
                }
                if (w.isMetric()) {
                    about.append(" metric=").append(w.metric);
                }
                if (w.isDirection()) {
                    about.append(" direction=").append(w.direction);
                }
                if (w.phrases != null) {
                    about.append(" phrases=").append(w.phrases.length);
                }
            }
            System.out.printf(Locale.ROOT, "%3d %-22s%s%s%s%n", i, tokens.word(i), tokens.caps(i) ? " CAPS" : "",
                    about, tokens.breakAfter(i) ? "  |break" : "");
        }
        System.out.println(model.score(text));
    }
}
