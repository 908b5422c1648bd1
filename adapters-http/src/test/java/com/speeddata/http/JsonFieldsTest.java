package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.pivot.InvalidRequestException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    @Test
    void every_problem_is_reported_with_an_rfc_6901_pointer() throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(
                "{\"fill\": {\"ch1/v~x\": 3}, \"unit\": 5, \"items\": [{\"text\": 1}], \"colour\": true}");
        JsonFields fields = new JsonFields(body, "");
        fields.rejectUnknown(Set.of("fill", "unit", "items"));
        fields.string("unit");
        fields.nested("fill").error("ch1/v~x", "bad");
        fields.element("items", 0).string("text");
        InvalidRequestException failure = assertThrows(InvalidRequestException.class, fields::throwIfInvalid);
        assertEquals(
                Set.of("/colour", "/unit", "/fill/ch1~1v~0x", "/items/0/text"),
                Set.copyOf(failure.errors().stream().map(e -> e.pointer()).toList()));
    }
}
