package com.speeddata.http.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    private static final String ETAG = "\"abc123\"";

    @Test
    void the_same_tag_strong_or_weak_alone_or_in_a_list_or_a_star_matches() {
        for (String header : new String[] {
            "\"abc123\"",
            "W/\"abc123\"",
            "*",
            " * ",
            "\"x\", \"abc123\"",
            "W/\"x\",W/\"abc123\"",
            "\"abc123\" , \"y\"",
            "\"a,b\", W/\"abc123\""
        }) {
            assertTrue(EntityTags.noneMatchFails(header, ETAG), header);
        }
    }

    @Test
    void other_tags_missing_headers_and_garbage_do_not_match() {
        for (String header : new String[] {
            null,
            "",
            "\"abc\"",
            "\"abc1234\"",
            "abc123",
            "W/abc123",
            "\"abc123",
            "w/\"abc123\"",
            "\"x\", garbage, \"abc123\"",
            "\"ABC123\""
        }) {
            assertFalse(EntityTags.noneMatchFails(header, ETAG), String.valueOf(header));
        }
    }
}
