package com.speeddata.scoring.events;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HeadlinesTest {
    @Test
    void ordinary_text_including_emoji_and_accents_is_a_headline() {
        assertNull(Headlines.problem("Société Générale beats estimates 📈"));
        assertNull(Headlines.problem("x".repeat(Headlines.MAX_LENGTH)));
    }

    @Test
    void blank_too_long_nul_and_unpaired_surrogates_are_refused() {
        assertNotNull(Headlines.problem(null));
        assertNotNull(Headlines.problem("   "));
        assertNotNull(Headlines.problem("x".repeat(Headlines.MAX_LENGTH + 1)));
        assertNotNull(Headlines.problem("profit\u0000rose"));
        assertNotNull(Headlines.problem("broken \uD83D text"));
        assertNotNull(Headlines.problem("broken \uDCC8 text"));
    }
}
