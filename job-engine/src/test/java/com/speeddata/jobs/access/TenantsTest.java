package com.speeddata.jobs.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantsTest {
    private static final String LONGEST = "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    @ParameterizedTest
    @ValueSource(strings = {"local", "acme", "0day", "team_7", "a-b", "z", LONGEST})
    void names_of_lower_case_letters_digits_dash_and_underscore_are_tenants(String name) {
        assertTrue(Tenants.isValid(name));
        assertDoesNotThrow(() -> new BucketKey(name, "score"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "Acme",
                "-acme",
                "_acme",
                "ac me",
                "acme\u0000",
                "acmé",
                "ac/me",
                "ac'me",
                LONGEST + "c",
                " acme",
                "acme\n"
            })
    void anything_else_is_refused_also_as_a_rate_bucket_owner(String name) {
        assertFalse(Tenants.isValid(name));
        assertThrows(RuntimeException.class, () -> new BucketKey(name, "score"));
    }
}
