package com.speeddata.scoring.rules;

/**
 * A number as written in news, read from one or two tokens: "14.2", "1,240", "3,1" (decimal comma), "2-4" (a
 * range: its middle), "1.2bn", and a unit token after it ("mn", "million", "bn", "thousand", "%", "percent").
 * Years (a whole number from 1900 to 2100 with no unit and no currency before it) are not figures.
 *
 * @param value the number times its scale (mn: 1e6 ...); percentages keep their number
 * @param unit  {@link #NONE}, {@link #AMOUNT} or {@link #PERCENT}: figures of different known units do not compare
 * @param last  the index of the figure's last token (its unit, if any)
 */
record Figure(double value, int unit, int last) {

    static final int NONE = 0;
    static final int AMOUNT = 1;
    static final int PERCENT = 2;

    /** The figure whose number is token i, or null. */
    static Figure at(Tokens tokens, int i) {
        String word = tokens.word(i);
        if (word.isEmpty() || !isDigit(word.charAt(0))) {
            return null;
        }
        int suffix = word.length();
        while (suffix > 0 && !isDigit(word.charAt(suffix - 1))) {
            suffix--;
        }
        double number = range(word, suffix);
        if (Double.isNaN(number)) {
            return null;
        }
        double scale = suffix == word.length() ? 1 : scale(word.substring(suffix));
        if (Double.isNaN(scale)) {
            return null;
        }
        int unit = suffix == word.length() ? NONE : AMOUNT;
        int last = i;
        if (unit == NONE && i + 1 < tokens.size()) {
            String next = tokens.word(i + 1);
            if (next.equals("%") || next.equals("percent") || next.equals("pct") || next.equals("per")) {
                unit = PERCENT;
                last = i + 1;
            } else if (!Double.isNaN(scale(next))) {
                scale = scale(next);
                unit = AMOUNT;
                last = i + 1;
            }
        }
        if (unit == NONE && isYear(word, number) && !(i > 0 && isCurrency(tokens.word(i - 1)))) {
            return null;
        }
        return new Figure(number * scale, unit, last);
    }

    /** True when the two figures can be compared: the same unit, or one of them has none. */
    boolean comparableWith(Figure other) {
        return unit == NONE || other.unit == NONE || unit == other.unit;
    }

    /** The number in word[0, end): plain, or a range "2-4" as its middle; NaN when it is not one. */
    private static double range(String word, int end) {
        int dash = word.indexOf('-');
        if (dash > 0 && dash < end) {
            double low = number(word, 0, dash);
            double high = number(word, dash + 1, end);
            return (low + high) / 2;
        }
        return number(word, 0, end);
    }

    /**
     * Digits with separators: both "." and "," present, or either one repeated, or "," before exactly three
     * digits: thousands separators. Otherwise one "." or "," is the decimal point. NaN when it is not a number.
     */
    private static double number(String word, int from, int to) {
        int dots = 0;
        int commas = 0;
        int lastSeparator = -1;
        for (int k = from; k < to; k++) {
            char c = word.charAt(k);
            if (c == '.' || c == ',') {
                if (k == from || k == to - 1 || !isDigit(word.charAt(k - 1))) {
                    return Double.NaN;
                }
                if (c == '.') {
                    dots++;
                } else {
                    commas++;
                }
                lastSeparator = k;
            } else if (!isDigit(c)) {
                return Double.NaN;
            }
        }
        if (from >= to) {
            return Double.NaN;
        }
        boolean thousands =
                (dots > 0 && commas > 0) || dots > 1 || commas > 1 || (commas == 1 && to - lastSeparator == 4);
        double value = 0;
        double fraction = 0;
        for (int k = from; k < to; k++) {
            char c = word.charAt(k);
            if (isDigit(c)) {
                if (fraction > 0) {
                    value += (c - '0') * fraction;
                    fraction /= 10;
                } else {
                    value = value * 10 + (c - '0');
                }
            } else if (k == lastSeparator && (!thousands || (dots > 0 && commas > 0))) {
                fraction = 0.1; // "3,1", "14.2", "1,240.5", "1.240,5"
            }
        }
        return value;
    }

    private static double scale(String unit) {
        return switch (unit) {
            case "mn", "m", "mln", "mio", "million", "millions" -> 1e6;
            case "bn", "b", "billion", "billions" -> 1e9;
            case "k", "thousand", "thousands" -> 1e3;
            default -> Double.NaN;
        };
    }

    private static boolean isYear(String word, double number) {
        return word.length() == 4 && number >= 1900 && number <= 2100;
    }

    private static boolean isCurrency(String word) {
        return switch (word) {
            case "eur", "usd", "sek", "nok", "dkk", "gbp", "chf", "jpy", "cny", "us$", "$", "€", "£" -> true;
            default -> false;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
