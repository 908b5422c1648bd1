package com.speeddata.scoring.eval;

import com.speeddata.scoring.Label;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Prints accuracy, macro-F1 and the confusion matrix of every bundled model on the tune and
 * holdout splits of each evaluation set: {@code headlines} ({@code eval/headlines.tsv}) and
 * {@code news} ({@code eval/news-tune.tsv} and {@code eval/news-holdout.tsv}) and {@code numbers}
 * ({@code eval/numbers-tune.tsv} and {@code eval/numbers-holdout.tsv}) and {@code wire} ({@code eval/wire-tune.tsv}
 * and {@code eval/wire-holdout.tsv}, written blind to the rules). Run with
 * {@code scripts/scoring-models evaluate}.
 *
 * <pre>
 *   (no arguments)     the report
 *   --set NAME         only the set NAME (headlines, news, numbers or wire); may come first with the options below
 *   --tune-only        no holdout figures at all (while tuning: the holdout is read once, at the end)
 *   --errors [model]   also list the misclassified TUNE rows of a model (default: the default model)
 *   --sweep            TUNE-split accuracy and macro-F1 of each model over a range of neutral bands
 * </pre>
 *
 * Holdout rows are only ever reported in aggregate, so that nobody tunes on them by accident.
 */
public final class EvaluateModels {

    private EvaluateModels() {}

    public static void main(String[] arguments) {
        List<String> args = List.of(arguments);
        String only = null;
        if (args.size() >= 2 && args.get(0).equals("--set")) {
            only = args.get(1);
            args = args.subList(2, args.size());
        }
        boolean tuneOnly = !args.isEmpty() && args.get(0).equals("--tune-only");
        if (tuneOnly) {
            args = args.subList(1, args.size());
        }
        Map<String, List<Headline>> sets = new LinkedHashMap<>();
        sets.put("headlines", Headline.loadAll());
        sets.put("news", Headline.loadNews());
        sets.put("numbers", Headline.loadNumbers());
        sets.put("wire", Headline.loadWire());
        if (only != null) {
            if (!sets.containsKey(only)) {
                throw new IllegalArgumentException("no evaluation set named " + only + "; sets: " + sets.keySet());
            }
            sets.keySet().retainAll(List.of(only));
        }
        ModelRegistry registry = ModelRegistry.bundled();
        for (var set : sets.entrySet()) {
            System.out.printf(Locale.ROOT, "=== set %s%n", set.getKey());
            if (!args.isEmpty() && args.get(0).equals("--sweep")) {
                sweep(registry, set.getValue());
                continue;
            }
            report(registry, set.getValue(), tuneOnly);
            if (!args.isEmpty() && args.get(0).equals("--errors")) {
                String name = args.size() > 1 ? args.get(1) : null;
                Model model = name != null
                        ? registry.findByName(name)
                                .orElseThrow(() -> new IllegalArgumentException("no model named " + name))
                        : registry.defaultModel();
                errors(model, set.getValue());
            }
        }
    }

    /** The confusion matrix of a model over the rows a filter keeps. */
    public static Confusion evaluate(Model model, List<Headline> rows, Predicate<Headline> keep) {
        Confusion confusion = new Confusion();
        for (Headline row : rows) {
            if (keep.test(row)) {
                confusion.add(row.label(), model.score(row.text()).label());
            }
        }
        return confusion;
    }

    private static void report(ModelRegistry registry, List<Headline> rows, boolean tuneOnly) {
        System.out.printf(
                Locale.ROOT,
                "Evaluation set: %d rows (%d tune, %d holdout)%n%n",
                rows.size(),
                rows.stream().filter(r -> !r.isHoldout()).count(),
                rows.stream().filter(Headline::isHoldout).count());
        for (Model model : registry.models()) {
            System.out.printf(
                    Locale.ROOT,
                    "%s%s  sha %s  neutral band %s%n",
                    model.name(),
                    model.isDefault() ? " (default)" : "",
                    model.sha(),
                    model.neutralBand());
            split(model, rows, "tune", row -> !row.isHoldout());
            if (!tuneOnly) {
                split(model, rows, "holdout", Headline::isHoldout);
                split(model, rows, "all", row -> true);
            }
            System.out.println();
        }
    }

    private static void split(Model model, List<Headline> rows, String name, Predicate<Headline> keep) {
        Confusion c = evaluate(model, rows, keep);
        System.out.printf(
                Locale.ROOT,
                "  %-8s n=%-4d accuracy %.3f  macro-F1 %.3f  (F1 pos %.3f neg %.3f neu %.3f)%n",
                name,
                c.total(),
                c.accuracy(),
                c.macroF1(),
                c.f1(Label.POSITIVE),
                c.f1(Label.NEGATIVE),
                c.f1(Label.NEUTRAL));
        if (!name.equals("all")) {
            System.out.print(c.render("      "));
        }
    }

    private static void errors(Model model, List<Headline> rows) {
        System.out.printf(Locale.ROOT, "Misclassified TUNE rows for %s:%n", model.name());
        for (Headline row : rows) {
            if (row.isHoldout()) {
                continue;
            }
            var score = model.score(row.text());
            if (score.label() != row.label()) {
                System.out.printf(
                        Locale.ROOT,
                        "  %4d %-12s gold %-8s got %-8s %+.3f  %s%n",
                        row.id(),
                        row.category(),
                        row.label().wireName(),
                        score.label().wireName(),
                        score.score(),
                        row.text());
            }
        }
    }

    private static void sweep(ModelRegistry registry, List<Headline> rows) {
        for (Model model : registry.models()) {
            System.out.printf(
                    Locale.ROOT, "%s (current band %s), TUNE split only:%n", model.name(), model.neutralBand());
            double[] scores = rows.stream()
                    .filter(r -> !r.isHoldout())
                    .mapToDouble(r -> model.score(r.text()).score())
                    .toArray();
            List<Headline> tune = rows.stream().filter(r -> !r.isHoldout()).toList();
            for (int step = 0; step <= 40; step++) {
                double band = step * 0.01 + (step == 0 ? 0.001 : 0);
                Confusion c = new Confusion();
                for (int i = 0; i < tune.size(); i++) {
                    double s = scores[i];
                    Label predicted =
                            s > 0 && s >= band ? Label.POSITIVE : s < 0 && s <= -band ? Label.NEGATIVE : Label.NEUTRAL;
                    c.add(tune.get(i).label(), predicted);
                }
                System.out.printf(
                        Locale.ROOT, "  band %.3f  accuracy %.3f  macro-F1 %.3f%n", band, c.accuracy(), c.macroF1());
            }
        }
    }
}
