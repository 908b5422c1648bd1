package com.speeddata.http.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.Callers;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.JsonFields;
import com.speeddata.http.JsonResponses;
import com.speeddata.http.access.CallLimits;
import com.speeddata.scoring.Score;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import com.speeddata.scoring.rules.Contribution;
import com.speeddata.scoring.rules.Explanation;
import com.speeddata.scoring.usecase.BatchItems;
import com.speeddata.scoring.usecase.ScoreHeadlines;
import com.speeddata.scoring.usecase.TooManyItemsException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/score} (inline, capped) and {@code GET /v1/models}. */
public final class ScoreRoutes {
    private static final Set<String> FIELDS = Set.of("headlines", "model_sha", "model", "explain");

    private final ScoreHeadlines scorer;
    private final ModelRegistry models;

    private final CallLimits limits;

    public ScoreRoutes(ScoreHeadlines scorer, ModelRegistry models, CallLimits limits) {
        this.scorer = scorer;
        this.models = models;
        this.limits = limits;
    }

    public void register(Javalin app) {
        app.post("/v1/score", this::score);
        app.get("/v1/models", this::models);
    }

    private void score(Context ctx) {
        limits.score(ctx);
        JsonFields fields = new JsonFields(JsonBodies.readObject(ctx), "");
        fields.rejectUnknown(FIELDS);
        int asked =
                fields.node("headlines") == null ? 0 : fields.node("headlines").size();
        int most = Math.min(scorer.maxHeadlines(), Callers.caller(ctx).tier().scoreHeadlinesPerCall());
        if (asked > most) {
            throw new TooManyItemsException("headlines", asked, most);
        }
        List<BatchItems.Headline> headlines = ScoringJson.headlines(fields, "headlines");
        ModelFields named = ModelFields.read(fields);
        boolean explain = explain(fields);
        fields.throwIfInvalid();
        Model model = named.resolve(scorer);
        List<String> texts = headlines.stream().map(BatchItems.Headline::text).toList();
        List<Map<String, Object>> results = new ArrayList<>(headlines.size());
        if (explain) {
            List<Explanation> explained = scorer.explain(model, texts);
            for (int i = 0; i < explained.size(); i++) {
                Map<String, Object> view =
                        result(headlines.get(i).id(), explained.get(i).score());
                view.put("explain", contributions(explained.get(i)));
                results.add(view);
            }
        } else {
            List<Score> scores = scorer.score(model, texts);
            for (int i = 0; i < scores.size(); i++) {
                results.add(result(headlines.get(i).id(), scores.get(i)));
            }
        }
        JsonResponses.send(ctx, Map.of("model_sha", model.sha(), "results", results));
    }

    /** {@code "explain"}: true or false (or null, as false); anything else is a field error. */
    private static boolean explain(JsonFields fields) {
        JsonNode explain = fields.node("explain");
        if (explain == null || explain.isNull()) {
            return false;
        }
        if (!explain.isBoolean()) {
            fields.error("explain", "must be true or false");
            return false;
        }
        return explain.booleanValue();
    }

    private static List<Map<String, Object>> contributions(Explanation explanation) {
        List<Map<String, Object>> views =
                new ArrayList<>(explanation.contributions().size());
        for (Contribution contribution : explanation.contributions()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("text", contribution.text());
            view.put("rule", contribution.rule());
            view.put("weight", contribution.weight());
            views.add(view);
        }
        return views;
    }

    static Map<String, Object> result(String id, Score score) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("score", score.score());
        view.put("label", score.label().wireName());
        return view;
    }

    private void models(Context ctx) {
        JsonResponses.send(
                ctx,
                models.models().stream()
                        .map(model -> {
                            Map<String, Object> view = new LinkedHashMap<>();
                            view.put("model_sha", model.sha());
                            view.put("name", model.name());
                            view.put("default", model.isDefault());
                            view.put("description", model.description());
                            return view;
                        })
                        .toList());
    }
}
