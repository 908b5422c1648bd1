package com.speeddata.scoring.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.LabelChanges;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffModelsTest {

    @Test
    void lists_exactly_the_sentences_whose_label_changes_with_both_labels_and_counts_each_pair() {
        ModelRegistry models = ModelRegistry.bundled();
        Model baseline = models.findByName("vader-baseline").orElseThrow();
        Model finance = models.findByName("finance").orElseThrow();
        List<String> lines = new ArrayList<>(List.of("# a comment", ""));
        lines.addAll(Headline.loadAll().stream().map(Headline::text).limit(300).toList());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        LabelChanges changes =
                DiffModels.diff(baseline, finance, lines, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> rows = bytes.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.startsWith("#"))
                .skip(1)
                .toList();
        List<String> changed = lines.stream()
                .skip(2)
                .filter(text ->
                        baseline.score(text).label() != finance.score(text).label())
                .toList();
        assertTrue(!changed.isEmpty(), "the two bundled models disagree on some of 300 headlines");
        assertEquals(changed, rows.stream().map(row -> row.split("\t", 6)[5]).toList());
        String first = rows.get(0);
        String[] fields = first.split("\t", 6);
        assertEquals(baseline.score(fields[5]).label().wireName(), fields[1]);
        assertEquals(finance.score(fields[5]).label().wireName(), fields[3]);
        assertEquals(lines.indexOf(fields[5]) + 1, Integer.parseInt(fields[0]), "the line number in the file");
        assertEquals(changed.size(), changes.total());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("# " + changed.size() + " of 300 sentences"));
    }
}
