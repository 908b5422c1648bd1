package com.speeddata.scoring.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The word n-grams a learned layer weighs: each token as the tokenizer writes it (lower-cased, outer punctuation
 * stripped, so {@code $ACME} and {@code @acme} are {@code acme}), with a token holding a digit read as {@code #} and
 * web addresses left out; then each such word and each pair of neighbouring words ("order worth"). A left-out token breaks pairs. Public only for the trainer in the test sources; not an
 * API for embedders.
 */
public final class NgramFeatures {

    static final String NUMBER = "#";

    private NgramFeatures() {}

    /** The n-gram keys of a text, in token order: each word, then the pair it ends (if any). */
    public static List<String> of(String text) {
        Tokens tokens = Tokenizer.tokenize(text);
        List<String> keys = new ArrayList<>(tokens.size() * 2);
        String previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            String word = feature(tokens.word(i));
            if (word != null) {
                keys.add(word);
                if (previous != null) {
                    keys.add(previous + " " + word);
                }
            }
            previous = word;
        }
        return keys;
    }

    /** The feature word of a token, or null for a token left out. */
    static String feature(String token) {
        if (token.startsWith("http") && token.contains("://") || token.startsWith("www.")) {
            return null;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                return NUMBER;
            }
        }
        return token;
    }
}
