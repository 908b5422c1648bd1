package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.pivot.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ControlCharactersTest {
    @Test
    void ordinary_text_with_tabs_line_breaks_and_astral_characters_is_accepted() {
        for (String text : new String[] {
            "",
            "V",
            "line one\nline two\r\n\tindented",
            "naïve 日本 \uD83D\uDE00",
            "\u007F\u0085 DEL and NEL are storable"
        }) {
            assertNull(ControlCharacters.problem(text), text);
        }
    }

    @Test
    void nul_other_c0_controls_and_unpaired_surrogates_are_refused() {
        assertTrue(ControlCharacters.problem("V\u0000").contains("U+0000 at position 1"));
        assertTrue(ControlCharacters.problem("\u001B[31m").contains("U+001B"));
        assertTrue(ControlCharacters.problem("a\u000Bb").contains("U+000B"));
        assertTrue(ControlCharacters.problem("x\uD800").contains("unpaired"));
        assertTrue(ControlCharacters.problem("\uDC00x").contains("unpaired"));
    }

    @Test
    void every_string_and_member_name_of_a_body_is_checked_with_its_pointer() throws Exception {
        JsonNode body = Json.MAPPER.readTree("{\"unit\": \"V\\u0000\", \"ok\": [\"fine\", {\"a/b\\u0001\": 1}],"
                + " \"events\": [{\"headline\": \"h\\u0000\"}]}");
        InvalidRequestException failure =
                assertThrows(InvalidRequestException.class, () -> ControlCharacters.check(body));
        assertEquals(3, failure.errors().size(), failure.errors().toString());
        assertEquals("/unit", failure.errors().get(0).pointer());
        assertEquals("/ok/1/a~1b\u0001", failure.errors().get(1).pointer());
        assertTrue(failure.errors().get(1).detail().startsWith("the member name"));
        assertEquals("/events/0/headline", failure.errors().get(2).pointer());
        assertDoesNotThrow(() -> ControlCharacters.check(Json.MAPPER.readTree("{\"a\": [1, null, true, \"\\t\"]}")));
    }
}
