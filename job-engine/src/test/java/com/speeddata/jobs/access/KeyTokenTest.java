package com.speeddata.jobs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyTokenTest {
    private final KeyToken token = KeyToken.generate();
    private final String key = token.reveal();

    @Test
    void issued_key_parses_back_and_matches_its_hash() {
        KeyToken parsed = KeyToken.parse(key).orElseThrow();
        assertEquals(token, parsed);
        assertTrue(parsed.matches(token.secretHash()));
        assertEquals(64, token.secretHash().length());
    }

    @Test
    void secret_has_256_random_bits_and_ids_do_not_repeat() {
        assertEquals(64, token.secret().length()); // hex: 4 bits a character
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(KeyToken.generate().id()));
        }
    }

    @Test
    void anything_but_the_exact_form_is_refused() {
        for (String bad : new String[] {
            key.toUpperCase(Locale.ROOT),
            "SD" + key.substring(2),
            "sk" + key.substring(2),
            key.substring(1),
            key.substring(0, key.length() - 1),
            key + "0",
            " " + key,
            key + " ",
            key + "\n",
            "Bearer " + key,
            key.replace('_', '-'),
            "sd__" + token.secret(),
            "",
            "sd_",
            key.substring(0, 20)
        }) {
            assertTrue(KeyToken.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void another_secret_does_not_match() {
        KeyToken other = new KeyToken(token.id(), KeyToken.generate().secret());
        assertFalse(other.matches(token.secretHash()));
        assertFalse(token.matches("not hex"));
    }

    @Test
    void printing_a_token_never_shows_its_secret() {
        assertFalse(token.toString().contains(token.secret()));
        assertTrue(token.toString().startsWith("sd_" + token.id()));
    }
}
