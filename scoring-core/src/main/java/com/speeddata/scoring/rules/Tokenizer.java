package com.speeddata.scoring.rules;

import com.speeddata.scoring.manifest.Words;

/**
 * Splits text into tokens in one pass, with no regular expressions.
 *
 * <ul>
 *   <li>Tokens are runs of characters between separators (whitespace and control characters).</li>
 *   <li>Leading and trailing characters that are not letters or digits are stripped
 *       ("(profit," becomes "profit", "$1.2bn" becomes "1.2bn", "10%" becomes "10"); inner ones stay
 *       ("s&amp;p", "year-on-year", "doesn't").</li>
 *   <li>A run with no letter or digit at all is kept whole when it could be an emoticon (":)"),
 *       and is dropped when it is only clause punctuation ("-", "—", "|", ":").</li>
 *   <li>Tokens are lower-cased ({@link Words#lower}); ALL CAPS is recorded per token.</li>
 *   <li>A , ; : ! ? in the stripped tail of a token, or a lone dash or bar, marks a clause break.</li>
 *   <li>A "(" in the stripped head of a token is noted ({@link Tokens#openParen}).</li>
 * </ul>
 *
 * Stateless and thread-safe; never throws on a non-null string.
 */
final class Tokenizer {

    private Tokenizer() {}

    static Tokens tokenize(String text) {
        int length = text.length();
        Tokens tokens = new Tokens(Math.min(64, length / 5 + 1));
        int i = 0;
        while (i < length) {
            if (Words.isSeparator(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && !Words.isSeparator(text.charAt(i))) {
                i++;
            }
            addToken(tokens, text, start, i);
        }
        return tokens;
    }

    private static void addToken(Tokens tokens, String text, int start, int end) {
        int from = start;
        while (from < end && !isWordChar(text.codePointAt(from))) {
            from += Character.charCount(text.codePointAt(from));
        }
        if (from == end) {
            if (onlyClausePunctuation(text, start, end)) {
                tokens.breakAfterLast();
            } else {
                tokens.add(Words.lower(text, start, end), false);
            }
            return;
        }
        int to = end;
        while (to > from && !isWordChar(text.codePointBefore(to))) {
            to -= Character.charCount(text.codePointBefore(to));
        }
        tokens.add(Words.lower(text, from, to), isAllCaps(text, from, to));
        for (int k = start; k < from; k++) {
            if (text.charAt(k) == '(') {
                tokens.openParenAtLast();
                break;
            }
        }
        for (int k = to; k < end; k++) {
            if (isClauseBreak(text.charAt(k))) {
                tokens.breakAfterLast();
                break;
            }
        }
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }

    private static boolean isClauseBreak(char c) {
        return c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
    }

    private static boolean onlyClausePunctuation(String text, int start, int end) {
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (!(isClauseBreak(c) || c == '-' || c == '\u2013' || c == '\u2014' || c == '|' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Like Python's str.isupper: at least one cased letter, and no lower-case one. */
    private static boolean isAllCaps(String text, int from, int to) {
        boolean upper = false;
        int i = from;
        while (i < to) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLowerCase(cp)) {
                return false;
            }
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                upper = true;
            }
        }
        return upper;
    }
}
