package com.speeddata.scoring.learn;

import com.speeddata.scoring.Label;
import com.speeddata.scoring.eval.Headline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts the learned layer may learn from, and nothing else: the Twitter Financial News Sentiment data set
 * (MIT, vendored under {@code training/}, see its README) and the TUNE rows of the team's evaluation sets. The
 * holdout rows are never read here.
 */
final class TrainingData {

    static final String TWEETS = "tweets";
    static final String TWEETS_DIR = "/training/twitter-financial-news-sentiment/";

    private TrainingData() {}

    /** The tweets of one file ({@code sent_train.csv} or {@code sent_valid.csv}): 0 bearish, 1 bullish, 2 neutral. */
    static List<Example> tweets(String file) {
        List<List<String>> rows = Csv.parse(text(TWEETS_DIR + file));
        if (!rows.get(0).equals(List.of("text", "label"))) {
            throw new IllegalStateException(file + ": expected the header text,label, found " + rows.get(0));
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            Label label =
                    switch (row.get(1)) {
                        case "0" -> Label.NEGATIVE;
                        case "1" -> Label.POSITIVE;
                        case "2" -> Label.NEUTRAL;
                        default -> throw new IllegalStateException(file + " row " + i + ": label " + row.get(1));
                    };
            examples.add(new Example(TWEETS, i, label, row.get(0)));
        }
        return examples;
    }

    /** The TUNE rows of the team's three evaluation sets, by set name. */
    static List<Example> teamTuneRows() {
        List<Example> examples = new ArrayList<>();
        add(examples, "headlines", Headline.loadAll());
        add(examples, "news", Headline.load("news-tune.tsv"));
        add(examples, "numbers", Headline.load("numbers-tune.tsv"));
        return examples;
    }

    private static void add(List<Example> into, String source, List<Headline> rows) {
        for (Headline row : rows) {
            if (!row.isHoldout()) {
                into.add(new Example(source, row.id(), row.label(), row.text()));
            }
        }
    }

    private static String text(String resource) {
        try (InputStream in = TrainingData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
