package com.speeddata.scoring.rules;

import java.util.Arrays;

/** The tokens of one text: lower-cased words, which were ALL CAPS, and where clauses break. */
final class Tokens {

    private String[] words;
    private boolean[] caps;
    private boolean[] breakAfter;
    /** Null until a token opens a parenthesis (most texts have none). */
    private boolean[] openParen;

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
            if (openParen != null) {
                openParen = Arrays.copyOf(openParen, grown);
            }
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

    /** Marks the last token as opening a parenthesis: "(EUR 4.0 mn)" in "EUR 7.7 mn (EUR 4.0 mn)". */
    void openParenAtLast() {
        if (openParen == null) {
            openParen = new boolean[words.length];
        }
        openParen[size - 1] = true;
    }

    /** True when token i had a "(" among the characters stripped before it. */
    boolean openParen(int i) {
        return openParen != null && openParen[i];
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
