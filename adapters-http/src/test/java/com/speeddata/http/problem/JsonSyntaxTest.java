package com.speeddata.http.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JacksonException;
import com.speeddata.http.Json;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonSyntaxTest {
    private static String detail(String body) {
        JacksonException failure = assertThrows(JacksonException.class, () -> Json.MAPPER.readTree(body));
        String detail = ProblemMapper.toProblem(failure).problem().detail();
        for (String leak :
                new String[] {"com.fasterxml", "Jackson", "ALLOW_", "Feature", "StreamReadConstraints", "JsonNode", "`"
                }) {
            assertFalse(detail.contains(leak), detail);
        }
        return detail;
    }

    @Test
    void parser_faults_are_described_in_the_apis_words_with_their_place() {
        assertTrue(detail("{}{}").contains("more follows the JSON value"));
        assertTrue(detail("{\"events\": []} x").contains("line 1"));
        assertTrue(detail("{\"values\": [NaN]}").contains("NaN and Infinity are not JSON numbers"));
        assertTrue(detail("{\"values\": [-Infinity]}").contains("NaN and Infinity"));
        assertTrue(detail("[".repeat(3000) + "]".repeat(3000)).contains("nest too deeply"));
        assertTrue(detail("{\"n\": " + "9".repeat(2000) + "}").contains("too many digits"));
        assertTrue(detail("{\"a\": ").contains("ends before"));
        assertTrue(detail("{\"a\": \"x\u0001\"}").contains("control character"));
        assertTrue(
                detail("{\"a\": nanny}").contains("unexpected character or token"),
                "the client's own token decides nothing");
    }

    @Test
    void a_number_out_of_range_for_its_field_says_so() {
        JacksonException failure = assertThrows(
                JacksonException.class,
                () -> Json.MAPPER.readValue(new BigInteger("9").pow(40).toString(), long.class));
        String detail = ProblemMapper.toProblem(failure).problem().detail();
        assertTrue(detail.contains("out of range"), detail);
    }
}
