package com.speeddata.scoring.usecase;

import com.speeddata.scoring.Score;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import com.speeddata.scoring.rules.Explanation;
import java.util.List;

/** Use case: score headlines inline with one model, the default unless a SHA or a name is given. */
public final class ScoreHeadlines {
    private final ModelRegistry models;
    private final int maxHeadlines;

    public ScoreHeadlines(ModelRegistry models, int maxHeadlines) {
        this.models = models;
        this.maxHeadlines = maxHeadlines;
    }

    /** The model of that SHA, or the default for null. */
    public Model model(String sha) {
        return model(sha, null);
    }

    /**
     * The model a request names by SHA, by name, or both (then they must be the same model); the default when it
     * names none.
     *
     * @throws UnknownModelException      when no loaded model has the SHA, or the name
     * @throws ConflictingModelsException when the SHA and the name are two different models
     */
    public Model model(String sha, String name) {
        Model bySha = sha == null ? null : models.find(sha).orElseThrow(() -> new UnknownModelException(sha));
        Model byName =
                name == null ? null : models.findByName(name).orElseThrow(() -> UnknownModelException.named(name));
        if (bySha != null && byName != null && !bySha.sha().equals(byName.sha())) {
            throw new ConflictingModelsException(sha, name, byName.sha());
        }
        return bySha != null ? bySha : byName != null ? byName : models.defaultModel();
    }

    /** Scores and explains each headline, in request order; capped as {@link #score}. */
    public List<Explanation> explain(Model model, List<String> headlines) {
        requireWithinCap(headlines);
        return headlines.stream().map(model::explain).toList();
    }

    /** Scores in request order; more than the cap throws {@link TooManyItemsException}. */
    public List<Score> score(Model model, List<String> headlines) {
        requireWithinCap(headlines);
        return headlines.stream().map(model::score).toList();
    }

    private void requireWithinCap(List<String> headlines) {
        if (headlines.size() > maxHeadlines) {
            throw new TooManyItemsException("headlines", headlines.size(), maxHeadlines);
        }
    }

    public int maxHeadlines() {
        return maxHeadlines;
    }
}
