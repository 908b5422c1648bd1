package com.speeddata.scoring.eval;

import com.speeddata.scoring.Label;
import java.util.Locale;

/** Confusion matrix over the three labels (rows: gold label, columns: predicted), with accuracy and macro-F1. */
public final class Confusion {

    static final Label[] ORDER = {Label.POSITIVE, Label.NEGATIVE, Label.NEUTRAL};

    private final int[][] counts = new int[3][3];
    private int total;

    public void add(Label gold, Label predicted) {
        counts[gold.ordinal()][predicted.ordinal()]++;
        total++;
    }

    public int total() {
        return total;
    }

    public double accuracy() {
        int correct = 0;
        for (Label label : ORDER) {
            correct += counts[label.ordinal()][label.ordinal()];
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Mean of the per-label F1 scores; a label's F1 is 0 when its precision and recall are both 0 or undefined. */
    public double macroF1() {
        double sum = 0;
        for (Label label : ORDER) {
            sum += f1(label);
        }
        return sum / ORDER.length;
    }

    public double f1(Label label) {
        int i = label.ordinal();
        int truePositive = counts[i][i];
        int predicted = 0;
        int gold = 0;
        for (int k = 0; k < 3; k++) {
            predicted += counts[k][i];
            gold += counts[i][k];
        }
        if (truePositive == 0) {
            return 0;
        }
        double precision = (double) truePositive / predicted;
        double recall = (double) truePositive / gold;
        return 2 * precision * recall / (precision + recall);
    }

    /** The matrix as text, one row per gold label. */
    public String render(String indent) {
        StringBuilder out = new StringBuilder();
        out.append(indent)
                .append(String.format(
                        Locale.ROOT, "%-14s %9s %9s %9s%n", "gold \\ pred", "positive", "negative", "neutral"));
        for (Label gold : ORDER) {
            out.append(indent).append(String.format(Locale.ROOT, "%-14s", gold.wireName()));
            for (Label predicted : ORDER) {
                out.append(String.format(Locale.ROOT, " %9d", counts[gold.ordinal()][predicted.ordinal()]));
            }
            out.append(String.format(Locale.ROOT, "%n"));
        }
        return out.toString();
    }
}
