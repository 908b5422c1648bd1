package com.speeddata.scoring.rules;

import java.util.Arrays;

/** The tokens of one text: lower-cased words, which were ALL CAPS, and where clauses break. */
final class Tokens {

    private String[] words;
    private boolean[] caps;
    private boolean[] breakAfter;
    private int size;
    private int capsCount;

    Tokens(int capacity) {
        int initial = Math.max(4, capacity);
        words = new String[initial];
        caps = new boolean[initial];
        breakAfter = new boolean[initial];
    }

    void add(String word, boolean allCaps) {
        if (size == words.length) {
            int grown = size * 2;
            words = Arrays.copyOf(words, grown);
            caps = Arrays.copyOf(caps, grown);
            breakAfter = Arrays.copyOf(breakAfter, grown);
        }
        words[size] = word;
        caps[size] = allCaps;
        if (allCaps) {
            capsCount++;
        }
        size++;
    }

    /** Marks a clause break after the last token (if there is one). */
    void breakAfterLast() {
        if (size > 0) {
            breakAfter[size - 1] = true;
        }
    }

    int size() {
        return size;
    }

    String word(int i) {
        return words[i];
    }

    boolean caps(int i) {
        return caps[i];
    }

    /** True when a clause break (, ; : ! ? or a dash) stands between token i and token i + 1. */
    boolean breakAfter(int i) {
        return breakAfter[i];
    }

    /** True when some but not all tokens are ALL CAPS: only then is caps emphasis. */
    boolean mixedCaps() {
        return capsCount > 0 && capsCount < size;
    }
}
