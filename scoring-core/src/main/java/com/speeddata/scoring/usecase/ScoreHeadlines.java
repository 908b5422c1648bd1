package com.speeddata.scoring.usecase;

import com.speeddata.scoring.Model;
import com.speeddata.scoring.ModelRegistry;
import com.speeddata.scoring.Score;
import com.speeddata.scoring.UnknownModelException;

import java.util.List;

/** Use case: score headlines inline with one model, the default unless a SHA is given. */
public final class ScoreHeadlines {
    private final ModelRegistry models;
    private final int maxHeadlines;

    public ScoreHeadlines(ModelRegistry models, int maxHeadlines) {
        this.models = models;
        this.maxHeadlines = maxHeadlines;
    }

    /** The model of that SHA, or the default for null. */
    public Model model(String sha) {
        return sha == null ? models.defaultModel() : models.find(sha).orElseThrow(() -> new UnknownModelException(sha));
    }

    /** Scores in request order; more than the cap throws {@link TooManyItemsException}. */
    public List<Score> score(Model model, List<String> headlines) {
        if (headlines.size() > maxHeadlines) {
            throw new TooManyItemsException("headlines", headlines.size(), maxHeadlines);
        }
        return headlines.stream().map(model::score).toList();
    }

    public int maxHeadlines() {
        return maxHeadlines;
    }
}
