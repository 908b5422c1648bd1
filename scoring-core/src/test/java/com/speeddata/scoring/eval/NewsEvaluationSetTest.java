package com.speeddata.scoring.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.Label;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The news sentence set: the holdout stays byte-for-byte what was frozen before tuning (eval/README.md). */
class NewsEvaluationSetTest {

    static final String HOLDOUT_SHA256 = "46427eab9035b21f07bd66efec6a4cca7b61e577ac31c8013082c19fe2fabfc3";

    private final List<Headline> tune = Headline.load("news-tune.tsv");
    private final List<Headline> holdout = Headline.load("news-holdout.tsv");

    @Test
    void holdout_file_is_the_frozen_one() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Headline.bytes("news-holdout.tsv"));
        assertEquals(
                HOLDOUT_SHA256,
                HexFormat.of().formatHex(digest),
                "news-holdout.tsv changed; it is frozen (see eval/README.md)");
    }

    @Test
    void at_least_1000_rows_with_a_holdout_of_at_least_300_and_each_file_one_split() {
        assertTrue(tune.size() + holdout.size() >= 1000, "rows: " + (tune.size() + holdout.size()));
        assertTrue(holdout.size() >= 300, "holdout rows: " + holdout.size());
        assertTrue(tune.stream().noneMatch(Headline::isHoldout));
        assertTrue(holdout.stream().allMatch(Headline::isHoldout));
    }

    @Test
    void label_mix_is_close_to_professional_news_corpora_in_both_files() {
        assertNewsCorpusMix(tune, 0.03);
        assertNewsCorpusMix(holdout, 0.03);
    }

    /** 59 % neutral, 28 % positive, 13 % negative, as in professionally labelled news corpora, within a tolerance. */
    static void assertNewsCorpusMix(List<Headline> rows, double tolerance) {
        Map<Label, Long> counts = rows.stream().collect(Collectors.groupingBy(Headline::label, Collectors.counting()));
        double n = rows.size();
        assertEquals(0.59, counts.get(Label.NEUTRAL) / n, tolerance, counts.toString());
        assertEquals(0.28, counts.get(Label.POSITIVE) / n, tolerance, counts.toString());
        assertEquals(0.13, counts.get(Label.NEGATIVE) / n, tolerance, counts.toString());
    }

    @Test
    void sentences_are_distinct_across_both_files_and_ids_unique() {
        Set<String> texts = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (Headline row : Headline.loadNews()) {
            assertTrue(texts.add(row.text()), "duplicate: " + row.text());
            assertTrue(ids.add(row.id()), "duplicate id " + row.id());
            assertTrue(!row.text().isBlank() && row.text().strip().equals(row.text()), "row " + row.id());
        }
    }
}
