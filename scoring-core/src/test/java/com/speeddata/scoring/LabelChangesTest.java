package com.speeddata.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelChangesTest {

    @Test
    void only_labels_that_moved_are_counted_named_from_then_to() {
        LabelChanges changes = new LabelChanges();
        changes.add(Label.POSITIVE, Label.NEGATIVE);
        changes.add(Label.POSITIVE, Label.NEGATIVE);
        changes.add(Label.NEUTRAL, Label.POSITIVE);
        changes.add(Label.NEUTRAL, Label.NEUTRAL);
        assertEquals(Map.of("positive->negative", 2, "neutral->positive", 1), changes.byName());
        assertEquals(
                List.of("positive->negative", "neutral->positive"),
                List.copyOf(changes.byName().keySet()),
                "in label order");
        assertEquals(3, changes.total());
        assertEquals(Map.of(), new LabelChanges().byName());
    }
}
