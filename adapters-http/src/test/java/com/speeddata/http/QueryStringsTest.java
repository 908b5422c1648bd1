package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryStringsTest {
    @Test
    void well_formed_query_strings_pass() {
        for (String raw : new String[] {
            null,
            "",
            "ticker=ACME",
            "cursor=abc&limit=10",
            "a=%25",
            "q=%C3%A9t%C3%A9",
            "start=2025-01-01T00%3A00%3A00Z",
            "flag",
            "a=b=c",
            "x=%e2%82%ac"
        }) {
            assertEquals(Optional.empty(), QueryStrings.problem(raw), raw);
        }
    }

    @Test
    void a_malformed_percent_escape_is_named_with_its_position() {
        for (String raw : new String[] {"cursor=%%%", "ticker=%%", "ticker=%zz", "cursor=%", "a=%4", "a=b&c=%g1"}) {
            Optional<String> problem = QueryStrings.problem(raw);
            assertTrue(problem.isPresent(), raw);
            assertTrue(problem.get().contains("percent-escape at character"), problem.get());
        }
    }

    @Test
    void escapes_that_are_not_utf8_or_decode_to_control_characters_are_refused() {
        assertTrue(QueryStrings.problem("ticker=%C3").orElseThrow().contains("UTF-8"));
        assertTrue(QueryStrings.problem("ticker=%FF%FE").orElseThrow().contains("UTF-8"));
        assertTrue(QueryStrings.problem("ticker=A%00B").orElseThrow().contains("U+0000"));
        assertTrue(QueryStrings.problem("ticker=%1B").orElseThrow().contains("U+001B"));
    }
}
