package com.speeddata.scoring.rules;

/**
 * Two figures of one metric, now and before, as news writes them:
 *
 * <ul>
 *   <li>"(to) A from B", "A, up from B": the connector is "from", A up to eight tokens before it, B up to three after;</li>
 *   <li>"from B to A";</li>
 *   <li>"A compared with B", "A compared to B", "A against B", "A versus B", "A vs B";</li>
 *   <li>"A (B)": B opens a parenthesis right after A.</li>
 * </ul>
 *
 * B may stand up to six tokens after "compared with", "against" and the like ("compared with a loss of EUR 1.9 mn").
 * The figures must have the same unit, or one none ({@link Figure#comparableWith}).
 *
 * @param first     the first token of the comparison (A's number, or "from" in "from B to A")
 * @param last      its last token
 * @param connector the token after which the earlier figure B is looked for
 * @param earlierAt the index of B's number
 * @param current   A's value
 * @param earlier   B's value
 */
record Comparison(int first, int last, int connector, int earlierAt, double current, double earlier) {

    private static final int BEFORE = 8;
    private static final int AFTER_FROM = 3;
    private static final int AFTER_VERSUS = 6;

    /** The comparison whose connector is token i, or null. */
    static Comparison at(Tokens tokens, int i) {
        String word = tokens.word(i);
        switch (word) {
            case "from":
                Comparison fromTo = fromTo(tokens, i);
                return fromTo != null ? fromTo : around(tokens, i, i + 1, AFTER_FROM);
            case "compared":
                if (i + 1 < tokens.size()
                        && (tokens.word(i + 1).equals("with")
                                || tokens.word(i + 1).equals("to"))) {
                    return around(tokens, i + 1, i + 2, AFTER_VERSUS);
                }
                return null;
            case "against", "versus", "vs":
                return around(tokens, i, i + 1, AFTER_VERSUS);
            default:
                return tokens.openParen(i) ? around(tokens, i, i, 2) : null;
        }
    }

    /** A before {@code connector}, B from {@code from} on. */
    private static Comparison around(Tokens tokens, int connector, int from, int after) {
        Figure current = null;
        int currentAt = -1;
        int stop =
                tokens.word(connector).equals("with") || tokens.word(connector).equals("to")
                        ? connector - 1
                        : connector;
        for (int j = stop - 1; j >= Math.max(0, stop - BEFORE); j--) {
            current = Figure.at(tokens, j);
            if (current != null) {
                currentAt = j;
                break;
            }
        }
        if (current == null) {
            return null;
        }
        for (int j = from; j < Math.min(tokens.size(), from + after); j++) {
            Figure earlier = Figure.at(tokens, j);
            if (earlier != null) {
                return current.comparableWith(earlier)
                        ? new Comparison(currentAt, earlier.last(), connector, j, current.value(), earlier.value())
                        : null;
            }
        }
        return null;
    }

    /** "from B to A", B right after "from" (or after a currency word), A right after "to". */
    private static Comparison fromTo(Tokens tokens, int from) {
        int size = tokens.size();
        for (int j = from + 1; j < Math.min(size, from + 3); j++) {
            Figure earlier = Figure.at(tokens, j);
            if (earlier == null) {
                continue;
            }
            int to = earlier.last() + 1;
            if (to >= size || !tokens.word(to).equals("to")) {
                return null;
            }
            for (int k = to + 1; k < Math.min(size, to + 3); k++) {
                Figure current = Figure.at(tokens, k);
                if (current != null) {
                    return current.comparableWith(earlier)
                            ? new Comparison(from, current.last(), from, j, current.value(), earlier.value())
                            : null;
                }
            }
            return null;
        }
        return null;
    }
}
