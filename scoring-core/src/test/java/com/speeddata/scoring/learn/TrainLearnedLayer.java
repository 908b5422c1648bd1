package com.speeddata.scoring.learn;

import com.speeddata.scoring.Label;
import com.speeddata.scoring.eval.Confusion;
import com.speeddata.scoring.manifest.BundledModelSources;
import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.manifest.Param;
import com.speeddata.scoring.rules.RuleEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the learned layer that makes the opt-in bundled model {@code finance-news-learned} from the rules of
 * {@code finance-news} (which stays rules only), run through {@code scripts/scoring-models}:
 *
 * <pre>
 *   train   fit on all training data with {@link #SETTINGS}; write model-src/finance-news-learned.txt
 *           (then {@code rebuild} writes the artifact)
 *   tune    cross-validate a grid of settings on the training data only and print the figures
 * </pre>
 *
 * Training data ({@link TrainingData}): the tweets of the Twitter Financial News Sentiment set (MIT) and the TUNE rows
 * of the team's headline, news and numbers sets. Holdout rows are never read. Validation while tuning: the team rows
 * in 5 folds by {@code id % 5} (each fold scored by a layer trained on the tweets' train file and the other folds)
 * and the tweets' valid file (never trained on while tuning). The final layer is trained on all of it.
 */
public final class TrainLearnedLayer {

    /** The bundled artifact the layer is part of; its sources without the layer are the finance-news rules. */
    static final String ARTIFACT = "finance-news-learned.model";
    /** The name of the model the layer makes. */
    static final String MODEL_NAME = "finance-news-learned";
    /** Its description: what it is, and that it is not the better model. */
    static final String DESCRIPTION = "Experimental, opt-in: the finance-news rules plus a learned layer (rule weights"
            + " and word n-grams trained on finance tweets and team tune sentences); scored below finance-news on the"
            + " team holdouts";

    static final int FOLDS = 5;
    static final int ROUNDING = 4;

    /** The settings {@code train} uses: chosen with {@code tune} (scoring-core/README.md says how). */
    static final Settings SETTINGS = new Settings(0.1, 1e-2, 1e-1, 2, 3.0, 1.0, 300, 0.002);

    private TrainLearnedLayer() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("train")) {
            String overlay = overlay(SETTINGS);
            Files.writeString(
                    BundledModelSources.SOURCES_ON_DISK.resolve(BundledModelSources.LEARNED_OVERLAY),
                    overlay,
                    StandardCharsets.UTF_8);
            System.out.println("wrote " + BundledModelSources.LEARNED_OVERLAY + " ("
                    + overlay.lines().filter(l -> l.startsWith("ngram")).count() + " n-grams)");
        } else if (args.length == 1 && args[0].equals("tune")) {
            tune();
        } else {
            System.err.println("usage: TrainLearnedLayer train | tune");
            System.exit(2);
        }
    }

    /** The overlay text of the layer trained on all training data: what {@code train} writes. */
    static String overlay(Settings settings) {
        ModelManifest base = BundledModelSources.ruleBase(ARTIFACT);
        List<Example> examples = new ArrayList<>(TrainingData.tweets("sent_train.csv"));
        examples.addAll(TrainingData.tweets("sent_valid.csv"));
        examples.addAll(TrainingData.teamTuneRows());
        List<Encoded> data = encode(examples, base);
        return overlayText(settings, fit(data, base, settings));
    }

    static List<Encoded> encode(List<Example> examples, ModelManifest base) {
        RuleEngine engine = new RuleEngine(base);
        return examples.stream().map(example -> Encoded.of(example, engine)).toList();
    }

    static OrdinalTrainer.Fitted fit(List<Encoded> data, ModelManifest base, Settings settings) {
        double[] weights = new double[data.size()];
        for (int i = 0; i < weights.length; i++) {
            Example example = data.get(i).example();
            weights[i] = !example.isTweet()
                    ? settings.teamWeight()
                    : example.label() == Label.NEUTRAL ? settings.tweetNeutral() : 1;
        }
        return OrdinalTrainer.fit(data, weights, threshold(base.param(Param.ALPHA), settings.neutralBand()), settings);
    }

    /** The raw sum at which the score reaches the neutral band: band · √(alpha / (1 − band²)). */
    static double threshold(double alpha, double band) {
        return band * Math.sqrt(alpha / (1 - band * band));
    }

    /** The overlay: name, description, band, the rounded rule scales and the rounded n-gram weights kept. */
    static String overlayText(Settings settings, OrdinalTrainer.Fitted fitted) {
        StringBuilder out = new StringBuilder();
        out.append(
                        "# Generated by `scripts/scoring-models train` (TrainLearnedLayer): the learned layer of the opt-in\n")
                .append(
                        "# model finance-news-learned over the rules of finance.txt + finance-news.txt (finance-news itself\n")
                .append("# does not include it). Do not edit; retrain. ")
                .append("LearnedLayerTrainingTest checks that training reproduces this file.\n")
                .append("# Settings: ")
                .append(settings)
                .append('\n');
        out.append("meta\tname\t").append(MODEL_NAME).append('\n');
        out.append("meta\tdescription\t").append(DESCRIPTION).append('\n');
        out.append("param\tneutral_band\t")
                .append(number(settings.neutralBand()))
                .append('\n');
        List<String> keys = ModelManifest.RULE_WEIGHT_KEYS;
        for (int i = 0; i < keys.size(); i++) {
            out.append("rule_weight\t")
                    .append(keys.get(i))
                    .append('\t')
                    .append(number(fitted.scales()[i]))
                    .append('\n');
        }
        fitted.ngrams().forEach((key, weight) -> {
            String rounded = number(weight);
            if (Math.abs(weight) >= settings.prune() && !rounded.equals("0")) {
                out.append("ngram\t").append(key).append('\t').append(rounded).append('\n');
            }
        });
        return out.toString();
    }

    private static String number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value)
                .setScale(ROUNDING, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    private static void tune() {
        ModelManifest base = BundledModelSources.ruleBase(ARTIFACT);
        List<Encoded> tweets = encode(TrainingData.tweets("sent_train.csv"), base);
        List<Encoded> valid = encode(TrainingData.tweets("sent_valid.csv"), base);
        List<Encoded> team = encode(TrainingData.teamTuneRows(), base);
        report("rules only (no learned layer)", base, List.of(base, base, base, base, base), team, valid);
        for (Settings settings : grid()) {
            List<ModelManifest> folds = new ArrayList<>();
            for (int k = 0; k < FOLDS; k++) {
                int fold = k;
                List<Encoded> training = new ArrayList<>(tweets);
                team.stream().filter(e -> e.example().id() % FOLDS != fold).forEach(training::add);
                folds.add(learned(base, settings, fit(training, base, settings)));
            }
            report(settings.toString(), base, folds, team, valid);
        }
    }

    private static ModelManifest learned(ModelManifest base, Settings settings, OrdinalTrainer.Fitted fitted) {
        return BundledModelSources.overlay(base, "trained", overlayText(settings, fitted));
    }

    /** Team rows scored by the fold model that did not see them; tweets' valid file by the first fold's model. */
    private static void report(
            String what, ModelManifest base, List<ModelManifest> folds, List<Encoded> team, List<Encoded> valid) {
        Map<String, Confusion> bySet = new LinkedHashMap<>();
        List<RuleEngine> engines = folds.stream().map(RuleEngine::new).toList();
        for (Encoded row : team) {
            Example example = row.example();
            RuleEngine engine = engines.get(example.id() % FOLDS);
            bySet.computeIfAbsent(example.source(), s -> new Confusion())
                    .add(example.label(), label(engine.score(example.text()), folds.get(0)));
        }
        Confusion tweets = new Confusion();
        for (Encoded row : valid) {
            tweets.add(
                    row.example().label(),
                    label(engines.get(0).score(row.example().text()), folds.get(0)));
        }
        bySet.put("tweets-valid", tweets);
        StringBuilder line = new StringBuilder(what).append('\n');
        bySet.forEach((set, c) -> line.append(String.format(
                Locale.ROOT, "    %-13s n=%-5d acc %.3f  F1 %.3f%n", set, c.total(), c.accuracy(), c.macroF1())));
        System.out.print(line);
        System.out.flush();
    }

    private static Label label(double score, ModelManifest model) {
        double band = model.param(Param.NEUTRAL_BAND);
        return score > 0 && score >= band
                ? Label.POSITIVE
                : score < 0 && score <= -band ? Label.NEGATIVE : Label.NEUTRAL;
    }

    private static List<Settings> grid() {
        List<Settings> grid = new ArrayList<>();
        String spec = System.getProperty("grid", "");
        if (!spec.isEmpty()) {
            for (String one : spec.split(";")) {
                String[] f = one.split(",");
                grid.add(new Settings(
                        Double.parseDouble(f[0]),
                        Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]),
                        Integer.parseInt(f[3]),
                        Double.parseDouble(f[4]),
                        Double.parseDouble(f[5]),
                        Integer.parseInt(f[6]),
                        Double.parseDouble(f[7])));
            }
            return grid;
        }
        grid.add(SETTINGS);
        return grid;
    }
}
