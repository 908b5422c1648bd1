package com.speeddata.http.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.JsonFields;
import com.speeddata.scoring.usecase.BatchItems;
import java.util.List;
import java.util.Set;

/** Reads what to score from a batch or rescore body: exactly one of event_ids, selection, headlines. */
final class BatchRequest {
    static final int MAX_ITEMS = 100_000;
    static final int PAGE_SIZE = 1000;

    private BatchRequest() {}

    static BatchItems items(JsonFields fields, String owner, Set<String> allowed) {
        return items(fields, owner, allowed, MAX_ITEMS);
    }

    /** @param maxItems most event ids or headlines a list may hold (the caller's tier may allow fewer) */
    static BatchItems items(JsonFields fields, String owner, Set<String> allowed, int maxItems) {
        int most = Math.min(MAX_ITEMS, maxItems);
        List<String> given = allowed.stream().filter(fields::has).sorted().toList();
        if (given.size() != 1) {
            fields.error(
                    given.isEmpty() ? allowed.stream().sorted().findFirst().orElseThrow() : given.get(1),
                    "send exactly one of " + allowed.stream().sorted().toList());
            return null;
        }
        return switch (given.get(0)) {
            case "event_ids" -> new BatchItems.EventIds(ScoringJson.eventIds(fields, "event_ids", most));
            case "headlines" -> headlines(fields, most);
            default -> ScoringJson.selection(fields, "selection", owner, PAGE_SIZE);
        };
    }

    private static BatchItems headlines(JsonFields fields, int most) {
        if (fields.node("headlines").size() > most) {
            fields.error("headlines", "has more than " + most + " headlines; split the batch");
            return null;
        }
        return new BatchItems.Headlines(ScoringJson.headlines(fields, "headlines"));
    }

    /** The batch as stored in the job: its body with the model it runs with made explicit. */
    static String payload(ObjectNode body, String modelSha) {
        ObjectNode payload = body.deepCopy();
        payload.put("model_sha", modelSha);
        return payload.toString();
    }
}
