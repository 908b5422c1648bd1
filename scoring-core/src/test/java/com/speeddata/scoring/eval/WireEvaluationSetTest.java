package com.speeddata.scoring.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The blind wire sentence set: both files stay byte-for-byte what was committed before any model ran on them. */
class WireEvaluationSetTest {

    static final String HOLDOUT_SHA256 = "405405be2f3df5e87dc7abacad675a18fa70309a2f4a49137d8a4bd76a90b1a7";
    static final String TUNE_SHA256 = "049c1517eaa87aeeab0a1c9b18cff20a7798ec28066216f12bb896f01dac3142";

    private final List<Headline> tune = Headline.load("wire-tune.tsv");
    private final List<Headline> holdout = Headline.load("wire-holdout.tsv");

    @Test
    void both_files_are_the_frozen_ones() throws Exception {
        assertEquals(HOLDOUT_SHA256, sha256("wire-holdout.tsv"), "wire-holdout.tsv is frozen (eval/README.md)");
        assertEquals(TUNE_SHA256, sha256("wire-tune.tsv"), "wire-tune.tsv is frozen (eval/README.md)");
    }

    @Test
    void four_hundred_held_out_six_hundred_to_tune_each_file_one_split() {
        assertEquals(400, holdout.size());
        assertEquals(600, tune.size());
        assertTrue(tune.stream().noneMatch(Headline::isHoldout));
        assertTrue(holdout.stream().allMatch(Headline::isHoldout));
    }

    @Test
    void label_mix_is_close_to_professional_news_corpora_in_both_files() {
        NewsEvaluationSetTest.assertNewsCorpusMix(tune, 0.02);
        NewsEvaluationSetTest.assertNewsCorpusMix(holdout, 0.02);
    }

    @Test
    void sentences_are_distinct_and_none_is_in_another_set() {
        Set<String> others = new HashSet<>();
        Headline.loadAll().forEach(row -> others.add(row.text()));
        Headline.loadNews().forEach(row -> others.add(row.text()));
        Headline.loadNumbers().forEach(row -> others.add(row.text()));
        Set<String> texts = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (Headline row : Headline.loadWire()) {
            assertTrue(texts.add(row.text()), "duplicate: " + row.text());
            assertTrue(ids.add(row.id()), "duplicate id " + row.id());
            assertTrue(!others.contains(row.text()), "also in another set: " + row.text());
        }
    }

    private static String sha256(String file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Headline.bytes(file)));
    }
}
