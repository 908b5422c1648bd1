package com.speeddata.scoring.eval;

import com.speeddata.scoring.Label;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One labelled row of an evaluation file ({@code eval/headlines.tsv}, {@code eval/news-*.tsv}). */
public record Headline(int id, String split, String category, Label label, String text) {

    public static final String TUNE = "tune";
    public static final String HOLDOUT = "holdout";
    public static final String HEADER = "id\tsplit\tcategory\tlabel\ttext";

    public Headline {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(text, "text");
        if (!split.equals(TUNE) && !split.equals(HOLDOUT)) {
            throw new IllegalArgumentException("split must be tune or holdout, was '" + split + "'");
        }
    }

    public boolean isHoldout() {
        return split.equals(HOLDOUT);
    }

    /** All rows of the committed headline evaluation set, in file order. */
    public static List<Headline> loadAll() {
        return load("headlines.tsv");
    }

    /** The news sentence set: {@code news-tune.tsv} then {@code news-holdout.tsv}, in file order. */
    public static List<Headline> loadNews() {
        List<Headline> rows = new ArrayList<>(load("news-tune.tsv"));
        rows.addAll(load("news-holdout.tsv"));
        return List.copyOf(rows);
    }

    /** The numeric comparison set: {@code numbers-tune.tsv} then {@code numbers-holdout.tsv}, in file order. */
    public static List<Headline> loadNumbers() {
        List<Headline> rows = new ArrayList<>(load("numbers-tune.tsv"));
        rows.addAll(load("numbers-holdout.tsv"));
        return List.copyOf(rows);
    }

    /** The blind wire sentence set: {@code wire-tune.tsv} then {@code wire-holdout.tsv}, in file order. */
    public static List<Headline> loadWire() {
        List<Headline> rows = new ArrayList<>(load("wire-tune.tsv"));
        rows.addAll(load("wire-holdout.tsv"));
        return List.copyOf(rows);
    }

    /** The rows of one file under {@code eval/} on the test classpath. */
    public static List<Headline> load(String file) {
        return parse(new String(bytes(file), StandardCharsets.UTF_8));
    }

    static byte[] bytes(String file) {
        try (InputStream in = Headline.class.getResourceAsStream("/eval/" + file)) {
            if (in == null) {
                throw new IllegalStateException("eval/" + file + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Headline> parse(String tsv) {
        String[] lines = tsv.split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("first line must be the header '" + HEADER + "'");
        }
        List<Headline> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) {
                continue;
            }
            String[] f = lines[i].split("\t", -1);
            if (f.length != 5) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 5 fields, found " + f.length);
            }
            Label label = Label.fromWireName(f[3])
                    .orElseThrow(() -> new IllegalArgumentException(
                            "bad label '" + f[3] + "'; expected one of " + Label.wireNames()));
            rows.add(new Headline(Integer.parseInt(f[0]), f[1], f[2], label, f[4]));
        }
        return rows;
    }
}
