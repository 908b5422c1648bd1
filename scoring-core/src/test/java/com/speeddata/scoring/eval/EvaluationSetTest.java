package com.speeddata.scoring.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.Label;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The evaluation set keeps its shape and its fixed split. */
class EvaluationSetTest {

    private static final Set<String> CATEGORIES =
            Set.of("earnings", "guidance", "mna", "ratings", "litigation", "layoffs", "macro", "announcement");
    private final List<Headline> rows = Headline.loadAll();

    @Test
    void has_at_least_300_rows_with_ids_1_to_n_in_order() {
        assertTrue(rows.size() >= 300, "rows: " + rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i + 1, rows.get(i).id());
        }
    }

    @Test
    void holdout_is_exactly_the_ids_divisible_by_three_and_at_least_100_rows() {
        for (Headline row : rows) {
            assertEquals(row.id() % 3 == 0, row.isHoldout(), "row " + row.id());
        }
        assertTrue(rows.stream().filter(Headline::isHoldout).count() >= 100);
    }

    @Test
    void every_category_and_label_is_represented_in_both_splits() {
        assertEquals(CATEGORIES, rows.stream().map(Headline::category).collect(Collectors.toSet()));
        for (boolean holdout : new boolean[] {false, true}) {
            Map<Label, Long> labels = rows.stream()
                    .filter(r -> r.isHoldout() == holdout)
                    .collect(Collectors.groupingBy(Headline::label, Collectors.counting()));
            for (Label label : Label.values()) {
                assertTrue(labels.getOrDefault(label, 0L) >= 30, label + " in holdout=" + holdout + ": " + labels);
            }
        }
    }

    @Test
    void headlines_are_distinct_and_single_line() {
        Set<String> seen = new HashSet<>();
        for (Headline row : rows) {
            assertTrue(seen.add(row.text()), "duplicate: " + row.text());
            assertTrue(!row.text().isBlank() && row.text().strip().equals(row.text()), "row " + row.id());
        }
    }
}
