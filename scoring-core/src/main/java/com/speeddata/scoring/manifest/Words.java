package com.speeddata.scoring.manifest;

/**
 * Case folding and the rules for lexicon keys, shared by the tokenizer and the manifest so
 * that every key can be looked up exactly as the tokenizer writes tokens. Public only for the
 * tokenizer in {@code com.speeddata.scoring.rules}; not an API for embedders.
 */
public final class Words {

    static final int MAX_WORD_LENGTH = 64;
    static final int MAX_PHRASE_WORDS = 6;
    private static final char RIGHT_SINGLE_QUOTE = '\u2019';

    private Words() {}

    /**
     * Lower-cases text[from, to) code point by code point ({@link Character#toLowerCase(int)},
     * no locale) and folds the typographic apostrophe to {@code '}.
     */
    public static String lower(String text, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return text.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            out.appendCodePoint(cp == RIGHT_SINGLE_QUOTE ? '\'' : Character.toLowerCase(cp));
        }
        return out.toString();
    }

    static String lower(String text) {
        return lower(text, 0, text.length());
    }

    /** Characters that separate tokens: whitespace and every control character. */
    public static boolean isSeparator(char c) {
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x7f && c <= 0x9f);
    }

    /** Throws IllegalArgumentException, naming the key, unless it is a single lower-case token. */
    static void requireWord(String what, String key) {
        if (key.isEmpty() || key.length() > MAX_WORD_LENGTH) {
            throw new IllegalArgumentException(
                    what + " '" + key + "' must have 1 to " + MAX_WORD_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); ) {
            int cp = key.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if ((cp < 0x10000 && isSeparator((char) cp)) || type == Character.FORMAT || type == Character.SURROGATE) {
                throw new IllegalArgumentException(
                        what + " '" + key + "' must not contain whitespace, control characters or lone surrogates");
            }
        }
        if (!lower(key).equals(key)) {
            throw new IllegalArgumentException(what + " '" + key + "' must be lower-case: '" + lower(key) + "'");
        }
    }

    /** Throws IllegalArgumentException unless the key is one word or two joined by a single space. */
    static void requireNgram(String what, String key) {
        String[] words = key.split(" ", -1);
        if (words.length > 2) {
            throw new IllegalArgumentException(what + " '" + key + "' must be one word or two separated by a space");
        }
        for (String word : words) {
            requireWord(what + " word", word);
        }
    }

    /** Throws IllegalArgumentException unless the key is 2 to 6 words joined by single spaces. */
    static void requirePhrase(String what, String key) {
        String[] words = key.split(" ", -1);
        if (words.length < 2 || words.length > MAX_PHRASE_WORDS) {
            throw new IllegalArgumentException(
                    what + " '" + key + "' must be 2 to " + MAX_PHRASE_WORDS + " words separated by single spaces");
        }
        for (String word : words) {
            requireWord(what + " word", word);
        }
    }
}
