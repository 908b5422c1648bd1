package com.speeddata.scoring.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The numeric comparison set: the holdout stays byte-for-byte what was frozen before the rule existed. */
class NumbersEvaluationSetTest {

    static final String HOLDOUT_SHA256 = "d03105b5ecc94c8f187ac566fc94240e4eb6dd07a3b6505a20c2a30b81db0a9c";

    private final List<Headline> tune = Headline.load("numbers-tune.tsv");
    private final List<Headline> holdout = Headline.load("numbers-holdout.tsv");

    @Test
    void holdout_file_is_the_frozen_one() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Headline.bytes("numbers-holdout.tsv"));
        assertEquals(
                HOLDOUT_SHA256,
                HexFormat.of().formatHex(digest),
                "numbers-holdout.tsv changed; it is frozen (see eval/README.md)");
    }

    @Test
    void each_file_holds_one_split_and_texts_and_ids_are_unique_across_every_set() {
        assertEquals(95, holdout.size());
        assertTrue(tune.stream().noneMatch(Headline::isHoldout));
        assertTrue(holdout.stream().allMatch(Headline::isHoldout));
        Set<String> texts = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (List<Headline> rows : List.of(Headline.loadNumbers(), Headline.loadNews())) {
            for (Headline row : rows) {
                assertTrue(texts.add(row.text()), "duplicate: " + row.text());
                assertTrue(ids.add(row.id()), "duplicate id " + row.id());
                assertTrue(!row.text().isBlank() && row.text().strip().equals(row.text()), "row " + row.id());
            }
        }
    }
}
