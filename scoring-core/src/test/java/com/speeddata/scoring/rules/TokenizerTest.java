package com.speeddata.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static List<String> words(String text) {
        Tokens tokens = Tokenizer.tokenize(text);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            words.add(tokens.word(i));
        }
        return words;
    }

    @Test
    void notes_a_stripped_opening_parenthesis_without_changing_the_words() {
        Tokens tokens = Tokenizer.tokenize("EUR 7.7 mn (EUR 4.0 mn) \"(x");
        assertEquals(List.of("eur", "7.7", "mn", "eur", "4.0", "mn", "x"), words("EUR 7.7 mn (EUR 4.0 mn) \"(x"));
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.openParen(i)) {
                open.add(i);
            }
        }
        assertEquals(List.of(3, 6), open);
        assertFalse(Tokenizer.tokenize("no parenthesis here").openParen(0));
    }

    @Test
    void splits_on_whitespace_and_lower_cases() {
        assertEquals(List.of("acme", "profit", "rises"), words("  Acme\tPROFIT\n rises "));
    }

    @Test
    void strips_outer_punctuation_and_keeps_inner_punctuation() {
        assertEquals(
                List.of("s&p", "500", "year-on-year", "doesn't", "1.2bn", "10"),
                words("(S&P 500) year-on-year, \"doesn't\" $1.2bn 10%"));
    }

    @Test
    void folds_the_typographic_apostrophe() {
        assertEquals(List.of("doesn't"), words("doesn\u2019t"));
    }

    @Test
    void keeps_emoticons_and_drops_lone_clause_punctuation() {
        assertEquals(List.of("good", ":)", "bad"), words("good :) - bad"));
        assertEquals(List.of("up", "down"), words("up \u2014 down | "));
    }

    @Test
    void marks_clause_breaks_after_commas_colons_dashes_and_bars() {
        Tokens tokens = Tokenizer.tokenize("costs: sales rise, shares - fall");
        assertTrue(tokens.breakAfter(0));
        assertFalse(tokens.breakAfter(1));
        assertTrue(tokens.breakAfter(2));
        assertTrue(tokens.breakAfter(3));
        assertFalse(tokens.breakAfter(4));
    }

    @Test
    void records_all_caps_tokens_and_mixed_caps() {
        Tokens tokens = Tokenizer.tokenize("Profit is GOOD in Q3");
        assertFalse(tokens.caps(0));
        assertTrue(tokens.caps(2));
        assertTrue(tokens.caps(4));
        assertTrue(tokens.mixedCaps());
        assertFalse(Tokenizer.tokenize("PROFIT IS GOOD").mixedCaps());
        assertFalse(Tokenizer.tokenize("123 456").mixedCaps());
    }

    @Test
    void lower_cases_beyond_ascii() {
        assertEquals(List.of("société", "générale", "ünal"), words("SOCIÉTÉ Générale Ünal"));
    }

    @Test
    void empty_and_separator_only_text_has_no_tokens() {
        assertEquals(0, Tokenizer.tokenize("").size());
        assertEquals(0, Tokenizer.tokenize(" \t\n\u0000\u00a0\u2003").size());
    }

    @Test
    void grows_past_its_initial_capacity() {
        assertEquals(5000, Tokenizer.tokenize("word ".repeat(5000)).size());
    }
}
