package com.speeddata.scoring.usecase;

import com.speeddata.scoring.ScoringException;

/** A synchronous call asked for more items than its cap (HTTP 413, suggesting the batch endpoint). */
public final class TooManyItemsException extends ScoringException {
    private final long asked;
    private final int max;

    public TooManyItemsException(String what, long asked, int max) {
        super(asked + " " + what + " asked for, at most " + max + " are scored synchronously; use /v1/score/batch");
        this.asked = asked;
        this.max = max;
    }

    public long asked() {
        return asked;
    }

    public int max() {
        return max;
    }
}
