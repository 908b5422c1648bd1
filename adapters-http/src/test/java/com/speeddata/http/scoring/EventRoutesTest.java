package com.speeddata.http.scoring;

import static com.speeddata.http.RouteServer.assertProblem;
import static com.speeddata.http.RouteServer.body;
import static com.speeddata.http.RouteServer.pointers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.RouteServer;
import com.speeddata.scoring.events.InMemoryEventStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/events}: storing, filtering and paging headlines (by publication time), and the 4xx of each bad request. */
class EventRoutesTest {
    private RouteServer server;

    @BeforeEach
    void start() {
        server = RouteServer.start(List.of(new EventRoutes(new InMemoryEventStore(), Clock.systemUTC())::register));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stored_events_are_201_with_their_ids_and_keep_nanoseconds() {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> response = server.post(
                "/v1/events",
                "{\"events\": [" + event(id, "ACME", "Acme rises", "2026-01-05T13:00:00.123456789Z") + ", "
                        + event(null, "GLBX", "Globex falls", "2026-01-05T14:00:00+01:00") + "]}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode events = body(response).get("events");
        assertEquals(id, events.get(0).get("id").asText());
        assertEquals(
                "2026-01-05T13:00:00.123456789Z",
                events.get(0).get("published_at").asText());
        String chosen = events.get(1).get("id").asText();
        assertEquals(chosen, UUID.fromString(chosen).toString(), "the server chose a UUID");
        assertEquals("2026-01-05T13:00:00Z", events.get(1).get("published_at").asText(), "stored in UTC");
    }

    @Test
    void the_listing_filters_by_ticker_and_half_open_range_and_each_event_has_its_scores() {
        post(
                event(null, "ACME", "Acme one", "2026-01-05T10:00:00Z"),
                event(null, "ACME", "Acme two", "2026-01-05T11:00:00Z"),
                event(null, "GLBX", "Globex", "2026-01-05T10:30:00Z"));
        assertEquals(
                List.of("Acme one", "Acme two"),
                headlines(server.get("/v1/events?ticker=ACME")),
                "by publication time");
        assertEquals(
                List.of("Acme one", "Globex"),
                headlines(server.get("/v1/events?start=2026-01-05T10:00:00Z&end=2026-01-05T11:00:00Z")),
                "[start, end)");
        JsonNode event =
                body(server.get("/v1/events?ticker=GLBX")).get("events").get(0);
        assertEquals(0, event.get("scores").size(), "not scored yet");
    }

    @Test
    void the_listing_pages_with_the_cursor_it_hands_out() {
        post(
                event(null, "ACME", "one", "2026-01-05T10:00:00Z"),
                event(null, "ACME", "two", "2026-01-05T11:00:00Z"),
                event(null, "ACME", "three", "2026-01-05T12:00:00Z"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = body(server.get("/v1/events?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("events").forEach(e -> seen.add(e.get("headline").asText()));
            cursor = page.get("next_cursor").isNull()
                    ? null
                    : page.get("next_cursor").asText();
        } while (cursor != null);
        assertEquals(List.of("one", "two", "three"), seen);
    }

    @Test
    void a_bad_event_is_one_400_naming_every_bad_field_and_nothing_is_stored() {
        JsonNode problem = assertProblem(
                server.post(
                        "/v1/events",
                        "{\"events\": [" + event(null, "ACME", "fine", "2026-01-05T10:00:00Z") + ", "
                                + event("not-a-uuid", "acme corp", "", "yesterday") + "]}"),
                400,
                "INVALID_REQUEST");
        assertEquals(
                List.of("/events/1/id", "/events/1/ticker", "/events/1/headline", "/events/1/published_at"),
                pointers(problem));
        assertEquals(0, body(server.get("/v1/events")).get("events").size(), "all or nothing");

        assertEquals(
                List.of("/events"),
                pointers(assertProblem(server.post("/v1/events", "{\"events\": []}"), 400, "INVALID_REQUEST")));
        String twice = UUID.randomUUID().toString();
        assertEquals(
                List.of("/events/1/id"),
                pointers(assertProblem(
                        server.post(
                                "/v1/events",
                                "{\"events\": [" + event(twice, "ACME", "a", "2026-01-05T10:00:00Z") + ", "
                                        + event(twice, "ACME", "b", "2026-01-05T10:00:00Z") + "]}"),
                        400,
                        "INVALID_REQUEST")));
        assertProblem(
                server.send(server.request("/v1/events")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"events\": []}"))),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void a_bad_listing_parameter_is_400_naming_it() {
        assertEquals(
                List.of("/start"),
                pointers(assertProblem(server.get("/v1/events?start=noon"), 400, "INVALID_REQUEST")));
        assertEquals(
                List.of("/end"),
                pointers(assertProblem(
                        server.get("/v1/events?start=2026-01-05T10:00:00Z&end=2026-01-05T10:00:00Z"),
                        400,
                        "INVALID_REQUEST")));
        assertEquals(
                List.of("/limit", "/cursor"),
                pointers(assertProblem(server.get("/v1/events?limit=1001&cursor=abc"), 400, "INVALID_REQUEST")));
        assertEquals(
                List.of("/sort"), pointers(assertProblem(server.get("/v1/events?sort=asc"), 400, "INVALID_REQUEST")));
    }

    @Test
    void the_score_history_of_an_unknown_event_is_404_and_of_a_malformed_id_400() {
        String id = UUID.randomUUID().toString();
        assertProblem(server.get("/v1/events/" + id + "/scores"), 404, "UNKNOWN_EVENT");
        post(event(id, "ACME", "Acme", "2026-01-05T10:00:00Z"));
        HttpResponse<String> history = server.get("/v1/events/" + id + "/scores");
        assertEquals(200, history.statusCode(), history.body());
        assertEquals(id, body(history).get("event_id").asText());
        assertEquals(0, body(history).get("scores").size());
        assertProblem(server.get("/v1/events/42/scores"), 400, "INVALID_REQUEST");
    }

    private void post(String... events) {
        HttpResponse<String> response = server.post("/v1/events", "{\"events\": [" + String.join(", ", events) + "]}");
        assertEquals(201, response.statusCode(), response.body());
    }

    private static String event(String id, String ticker, String headline, String publishedAt) {
        return "{" + (id == null ? "" : "\"id\": \"" + id + "\", ") + "\"ticker\": \"" + ticker + "\", \"headline\": \""
                + headline + "\", \"published_at\": \"" + publishedAt + "\"}";
    }

    private static List<String> headlines(HttpResponse<String> response) {
        List<String> headlines = new ArrayList<>();
        body(response)
                .get("events")
                .forEach(e -> headlines.add(e.get("headline").asText()));
        return headlines;
    }
}
