package com.speeddata.scoring.usecase;

import com.speeddata.scoring.Label;
import java.util.Objects;

/** One scored item of a batch: the event id or the inline headline's id, with its score. */
public record BatchResult(String id, double score, Label label) {
    public BatchResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }
}
