package com.speeddata.scoring.rules;

import com.speeddata.scoring.Score;
import java.util.List;
import java.util.Objects;

/**
 * A score and the contributions that make it. The engine's combination rule: the weights add up to a raw sum
 * {@code s} (punctuation emphasis included), and the score is {@code s / sqrt(s² + alpha)} clamped to [-1, 1],
 * with {@code alpha} the model's {@code alpha} parameter. No contribution: the score is 0 (the converse need not
 * hold: contributions can cancel).
 */
public record Explanation(Score score, List<Contribution> contributions) {

    public Explanation {
        Objects.requireNonNull(score, "score");
        contributions = List.copyOf(contributions);
    }

    /** The raw sum the score normalises. */
    public double sum() {
        double sum = 0;
        for (Contribution contribution : contributions) {
            sum += contribution.weight();
        }
        return sum;
    }
}
