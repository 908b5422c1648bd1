package com.speeddata.scoring.events;

import java.util.regex.Pattern;

/** The one rule for what a headline and a ticker may be. */
public final class Headlines {
    /** Headlines are short; anything longer is a document, not a headline, and is refused. */
    public static final int MAX_LENGTH = 1000;
    public static final String TICKER_RULE = "[A-Za-z0-9.^=_-]{1,20}";
    private static final Pattern TICKER = Pattern.compile(TICKER_RULE);

    private Headlines() {
    }

    /** Why the text is not a headline, or null when it is one. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "must be a non-empty string";
        }
        if (text.length() > MAX_LENGTH) {
            return "is " + text.length() + " characters; a headline has at most " + MAX_LENGTH;
        }
        return null;
    }

    public static boolean isTicker(String ticker) {
        return ticker != null && TICKER.matcher(ticker).matches();
    }
}
