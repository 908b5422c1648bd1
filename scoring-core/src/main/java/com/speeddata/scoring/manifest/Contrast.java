package com.speeddata.scoring.manifest;

/**
 * What a contrast word ("but", "despite") does: items before the first contrast word in a text
 * are multiplied by {@code before}, items after it by {@code after}.
 */
public record Contrast(double before, double after) {

    public Contrast {
        CanonicalNumber.requireInRange("contrast before", before, 0, 4);
        CanonicalNumber.requireInRange("contrast after", after, 0, 4);
    }
}
