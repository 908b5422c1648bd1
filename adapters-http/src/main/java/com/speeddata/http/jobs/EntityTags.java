package com.speeddata.http.jobs;

/**
 * {@code If-None-Match} as RFC 9110 §13.1.2 reads it: {@code *}, or a comma-separated list of entity tags, each
 * compared with the current one by the weak comparison (§8.8.3.2: the opaque tags are equal, whether either is
 * weak or not). A list that cannot be parsed matches nothing, so the full answer is sent.
 */
final class EntityTags {
    private EntityTags() {}

    /**
     * @param header the {@code If-None-Match} value, or null
     * @param etag   the current strong entity tag, quoted: {@code "abc"}
     * @return true when the header names the current representation (answer 304)
     */
    static boolean noneMatchFails(String header, String etag) {
        if (header == null) {
            return false;
        }
        String trimmed = header.trim();
        if (trimmed.equals("*")) {
            return true;
        }
        int i = 0;
        while (i < trimmed.length()) {
            char c = trimmed.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            if (trimmed.startsWith("W/", i)) {
                start = i + 2;
            }
            if (start >= trimmed.length() || trimmed.charAt(start) != '"') {
                return false;
            }
            int end = trimmed.indexOf('"', start + 1);
            if (end < 0) {
                return false;
            }
            if (trimmed.regionMatches(start, etag, 0, etag.length()) && end + 1 - start == etag.length()) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }
}
