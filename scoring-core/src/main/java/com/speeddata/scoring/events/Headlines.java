package com.speeddata.scoring.events;

import java.util.regex.Pattern;

/** The one rule for what a headline and a ticker may be. */
public final class Headlines {
    /** Headlines are short; anything longer is a document, not a headline, and is refused. */
    public static final int MAX_LENGTH = 1000;

    public static final String TICKER_RULE = "[A-Za-z0-9.^=_-]{1,20}";
    private static final Pattern TICKER = Pattern.compile(TICKER_RULE);

    private Headlines() {}

    /**
     * Why the text is not a headline, or null when it is one. NUL and unpaired surrogates are refused because
     * PostgreSQL cannot keep them (it rejects U+0000; its driver writes a lone surrogate as '?'), and both stores
     * must behave alike.
     */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "must be a non-empty string";
        }
        if (text.length() > MAX_LENGTH) {
            return "is " + text.length() + " characters; a headline has at most " + MAX_LENGTH;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character, which cannot be stored";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode: it has an unpaired surrogate at index " + i;
            }
        }
        return null;
    }

    public static boolean isTicker(String ticker) {
        return ticker != null && TICKER.matcher(ticker).matches();
    }
}
