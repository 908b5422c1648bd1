package com.speeddata.http.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.Callers;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.JsonFields;
import com.speeddata.http.JsonResponses;
import com.speeddata.http.ListingParams;
import com.speeddata.http.PageCursor;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.scoring.events.EventCursor;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventPage;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.EventStore;
import com.speeddata.scoring.events.Headlines;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.scoring.events.StoredScore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/events} (store headlines, all or nothing), {@code GET /v1/events} (filtered, paged, each event
 * with its scores) and {@code GET /v1/events/{id}/scores} (an event's score history). All of them the caller's own
 * ({@link Callers#owner}): another owner's event is not found, and its id is free for the caller.
 */
public final class EventRoutes {
    public static final int MAX_EVENTS_PER_REQUEST = 10_000;
    private static final Set<String> EVENT_FIELDS = Set.of("id", "ticker", "headline", "published_at");
    private static final Set<String> FILTERS = Set.of("ticker", "start", "end", "unscored_by");

    private final EventStore events;
    private final Clock clock;

    public EventRoutes(EventStore events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.post("/v1/events", this::add);
        app.get("/v1/events", this::list);
        app.get("/v1/events/{event_id}/scores", this::history);
    }

    private void add(Context ctx) {
        JsonFields fields = new JsonFields(JsonBodies.readObject(ctx, JsonBodies.MAX_ITEMS_BODY_BYTES), "");
        fields.rejectUnknown(Set.of("events"));
        JsonNode array = fields.node("events");
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > MAX_EVENTS_PER_REQUEST) {
            fields.error("events", "must be an array of 1 to " + MAX_EVENTS_PER_REQUEST + " events");
            fields.throwIfInvalid();
        }
        List<NewEvent> toStore = new ArrayList<>(array.size());
        Map<EventId, Integer> firstIndex = new java.util.HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields event = fields.element("events", i);
            Optional<NewEvent> parsed = event == null ? Optional.empty() : newEvent(event);
            if (parsed.isPresent() && parsed.get().id() != null) {
                Integer first = firstIndex.putIfAbsent(parsed.get().id(), i);
                if (first != null) {
                    event.error(
                            "id",
                            "repeats the id " + parsed.get().id() + " of /events/" + first
                                    + "; every event of a request needs its own id");
                    continue;
                }
            }
            parsed.ifPresent(toStore::add);
        }
        fields.throwIfInvalid();
        List<SentimentEvent> stored = events.add(Callers.owner(ctx), toStore, clock.instant());
        JsonResponses.send(
                ctx.status(201),
                Map.of("events", stored.stream().map(EventRoutes::view).toList()));
    }

    private static Optional<NewEvent> newEvent(JsonFields event) {
        event.rejectUnknown(EVENT_FIELDS);
        String idText = event.string("id");
        Optional<EventId> id = idText == null ? Optional.empty() : EventId.parse(idText);
        if (idText != null && id.isEmpty()) {
            event.error("id", "must be a UUID, or left out for the server to choose");
        }
        String ticker = event.string("ticker");
        if (!Headlines.isTicker(ticker)) {
            event.error("ticker", "is required and must match " + Headlines.TICKER_RULE);
        }
        String headline = event.string("headline");
        String problem = Headlines.problem(headline);
        if (problem != null) {
            event.error("headline", problem);
        }
        Instant published = ScoringJson.instant(event, "published_at");
        if (published == null && !event.has("published_at")) {
            event.error("published_at", "is required, an RFC 3339 instant");
        }
        if (problem != null || published == null || !Headlines.isTicker(ticker) || (idText != null && id.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new NewEvent(id.orElse(null), ticker, headline, published));
    }

    private void list(Context ctx) {
        ListingParams listing = ListingParams.of(ctx, FILTERS);
        JsonFields params = listing.fields();
        String ticker = ScoringJson.ticker(params, "ticker");
        Instant from = ScoringJson.instant(params, "start");
        Instant to = ScoringJson.instant(params, "end");
        if (from != null && to != null && !to.isAfter(from)) {
            params.error("end", "must be after start");
        }
        String unscoredBy = params.string("unscored_by");
        int limit = listing.limit();
        PageCursor cursor = listing.cursor();
        listing.throwIfInvalid();
        String owner = Callers.owner(ctx);
        EventPage page = events.find(new EventQuery(
                owner,
                ticker,
                from,
                to,
                unscoredBy,
                cursor == null ? null : new EventCursor(cursor.at(), new EventId(cursor.id())),
                limit));
        // One score per (event, model) is kept, so an event's history is its latest score from each model.
        Map<EventId, List<StoredScore>> scores = events.history(
                owner, page.events().stream().map(SentimentEvent::id).toList());
        List<Map<String, Object>> views = new ArrayList<>(page.events().size());
        for (SentimentEvent event : page.events()) {
            Map<String, Object> view = view(event);
            view.put("scores", scoreViews(scores.getOrDefault(event.id(), List.of())));
            views.add(view);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", views);
        body.put("next_cursor", page.next() == null ? null : encode(page.next()));
        JsonResponses.send(ctx, body);
    }

    /** The caller's event's every score, oldest first; an id that is not one of the caller's events is 404. */
    private void history(Context ctx) {
        String text = ctx.pathParam("event_id");
        String owner = Callers.owner(ctx);
        EventId id = EventId.parse(text)
                .orElseThrow(() -> ProblemException.badRequest(
                        "INVALID_REQUEST",
                        "event id '" + text + "' is not a UUID such as 3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76"));
        events.get(owner, List.of(id)); // not the caller's: UnknownEventsException, 404 as for no such event
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", id.toString());
        body.put("scores", scoreViews(events.history(owner, List.of(id)).getOrDefault(id, List.of())));
        JsonResponses.send(ctx, body);
    }

    private static List<Map<String, Object>> scoreViews(List<StoredScore> scores) {
        List<Map<String, Object>> views = new ArrayList<>(scores.size());
        for (StoredScore score : scores) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("model_sha", score.modelSha());
            view.put("score", score.score());
            view.put("label", score.label().wireName());
            view.put("scored_at", ScoringJson.format(score.scoredAt()));
            views.add(view);
        }
        return views;
    }

    private static String encode(EventCursor cursor) {
        return new PageCursor(cursor.publishedAt(), cursor.id().value()).encode();
    }

    static Map<String, Object> view(SentimentEvent event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", event.id().toString());
        view.put("ticker", event.ticker());
        view.put("headline", event.headline());
        view.put("published_at", ScoringJson.format(event.publishedAt()));
        return view;
    }
}
