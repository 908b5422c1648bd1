package com.speeddata.scoring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many labels one model moved from another's, per pair: what a rescore and a model diff report. A label that
 * stayed the same is not a change. Not thread-safe.
 */
public final class LabelChanges {
    private static final Label[] LABELS = Label.values();

    private final int[][] counts = new int[LABELS.length][LABELS.length];

    /** Counts one text that had {@code from} and now has {@code to}. */
    public void add(Label from, Label to) {
        if (from != to) {
            counts[from.ordinal()][to.ordinal()]++;
        }
    }

    /** The pairs with at least one change, named {@code "positive->negative"}, in {@link Label} order. */
    public Map<String, Integer> byName() {
        Map<String, Integer> named = new LinkedHashMap<>();
        for (Label from : LABELS) {
            for (Label to : LABELS) {
                int n = counts[from.ordinal()][to.ordinal()];
                if (n > 0) {
                    named.put(name(from, to), n);
                }
            }
        }
        return named;
    }

    /** How many labels changed in all. */
    public int total() {
        int total = 0;
        for (int[] row : counts) {
            for (int n : row) {
                total += n;
            }
        }
        return total;
    }

    /** The wire name of a change: {@code "positive->negative"}. */
    public static String name(Label from, Label to) {
        return from.wireName() + "->" + to.wireName();
    }
}
