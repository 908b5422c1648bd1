package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.http.catalog.CatalogRoutes;
import com.speeddata.http.ingest.IngestRoutes;
import com.speeddata.http.jobs.PivotJobRoutes;
import com.speeddata.http.problem.Problem;
import com.speeddata.http.scoring.EventRoutes;
import com.speeddata.jobs.InMemoryJobStore;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.access.Caller;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.testing.InMemorySignalStores;
import com.speeddata.scoring.events.InMemoryEventStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input to the catalog, ingest, job and event routes: always a 4xx problem+json, never a 500. */
class BadInputTest {
    private static final String REGULAR = "/api/v1/channels/ch1/signals/v";
    private static final String IRREGULAR = "/api/v1/channels/ch1/signals/s";

    @TempDir
    static Path dir;

    private static JobEngine engine;
    private static RouteServer server;

    @BeforeAll
    static void start() {
        Clock clock = Clock.systemUTC();
        InMemorySignalStores stores = new InMemorySignalStores();
        stores.catalog(Caller.LOCAL.tenant()).define(new SignalDefinition(new SignalKey("ch1", "v"), "V", 1e9, ""));
        stores.catalog(Caller.LOCAL.tenant()).define(new SignalDefinition(new SignalKey("ch1", "s"), "", null, ""));
        DirectoryResults results = new DirectoryResults(dir);
        engine = TestEngines.engine(new InMemoryJobStore(), results, List.of(), clock);
        server = RouteServer.start(List.of(
                new CatalogRoutes(stores)::register,
                new IngestRoutes(stores, 1 << 20, dir)::register,
                new PivotJobRoutes(engine, results, clock)::register,
                new EventRoutes(new InMemoryEventStore(), clock)::register));
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            PUT    | /api/v1/channels/ch1/signals/v | application/json | {"sample_rate_hz": "fast"}
            PUT    | /api/v1/channels/ch1/signals/v | application/json | {"sample_rate_hz": 1e400}
            PUT    | /api/v1/channels/ch1/signals/v | application/json | {"unit": ["V"], "description": {}}
            PUT    | /api/v1/channels/ch1/signals/v | application/json | {"unit": "V\\u0000"}
            PUT    | /api/v1/channels/ch1/signals/v | application/json | null
            PUT    | /api/v1/channels/ch1/signals/v | application/json | {"unit": "V"} {"unit": "A"}
            DELETE | /api/v1/channels/ch1/signals/v/samples?start=2026-01-01T00:00:00Z&end=9999-01-01T00:00:00Z | |
            DELETE | /api/v1/channels/ch1/signals/v/samples?start=2026-01-01T00:00:00&end=2026-01-02T00:00:00Z | |
            DELETE | /api/v1/channels/ch1/signals/nope | |
            POST   | /api/v1/channels/ch1/signals/v/samples | application/json | {"start": "2262-04-11T23:47:16.854775807Z", "values": [1, 2]}
            POST   | /api/v1/channels/ch1/signals/v/samples | application/json | {"start": "2026-01-01T00:00:00Z", "values": ["one"]}
            POST   | /api/v1/channels/ch1/signals/v/samples | application/json | {"start": 5, "values": [1]}
            POST   | /api/v1/channels/ch1/signals/v/samples | application/json | {"values": [1]}
            POST   | /api/v1/channels/ch1/signals/v/samples | application/json | {"start": "2026-01-01T00:00:00Z", "values": 1}
            POST   | /api/v1/channels/ch1/signals/v/samples | application/json | {"start": "2026-01-01T00:00:00Z", "values": [1e999]}
            POST   | /api/v1/channels/ch1/signals/s/samples | application/json | {"timestamps": ["3000-01-01T00:00:00Z"], "values": [1]}
            POST   | /api/v1/channels/ch1/signals/s/samples | application/json | {"timestamps": [1.5], "values": [1]}
            POST   | /api/v1/channels/ch1/signals/s/samples | application/json | {"timestamps": [9223372036854775808], "values": [1]}
            POST   | /api/v1/channels/ch1/signals/s/samples | application/json | {"start": "2026-01-01T00:00:00Z", "values": [1]}
            POST   | /api/v1/channels/ch1/signals/s/samples | application/json | []
            POST   | /api/v1/channels/ch1/signals/s/samples | application/json |
            POST   | /api/v1/channels/ch1/signals/s/samples | text/csv | ``
            POST   | /api/v1/channels/ch1/signals/s/samples | text/csv | timestamp,value\\n3000-01-01T00:00:00Z,1\\n
            POST   | /api/v1/channels/ch1/signals/s/samples | text/csv | timestamp,value\\n2026-01-01T00:00:00Z,NaN\\n
            POST   | /api/v1/channels/ch1/signals/s/samples | text/csv | timestamp,value\\n2026-01-01T00:00:00Z\\n
            POST   | /api/v1/channels/ch1/signals/v/samples?start=2262-04-11T23:47:16.854775807Z | application/octet-stream | 0123456789abcdef
            POST   | /api/v1/channels/ch1/signals/v/samples?start=noon | application/octet-stream | 01234567
            GET    | /api/v1/pivot/jobs?limit=-1 | |
            GET    | /api/v1/pivot/jobs?limit=99999999999 | |
            GET    | /api/v1/pivot/jobs/00000000-0000-0000-0000-000000000000/download | |
            DELETE | /api/v1/pivot/jobs/%00 | |
            POST   | /v1/events | application/json | {"events": [{"ticker": "ACME", "headline": "x", "published_at": "3000-01-01T00:00:00Z"}]}
            POST   | /v1/events | application/json | {"events": [{"ticker": "ACME", "headline": "x", "published_at": 17}]}
            POST   | /v1/events | application/json | {"events": [{"ticker": "ACME", "headline": "x\\u0000", "published_at": "2026-01-01T00:00:00Z"}]}
            POST   | /v1/events | application/json | {"events": [1, null, "x"]}
            POST   | /v1/events | application/json | {"events": {"ticker": "ACME"}}
            GET    | /v1/events?start=1000-01-01T00:00:00Z | |
            GET    | /v1/events/00000000-0000-0000-0000-00000000000g/scores | |
            """)
    void is_a_4xx_problem(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = server.request(path)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.replace("\\n", "\n")));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = server.send(request);
        assertTrue(
                response.statusCode() >= 400 && response.statusCode() < 500,
                response.statusCode() + " " + response.body());
        assertEquals(
                Problem.CONTENT_TYPE,
                response.headers().firstValue("Content-Type").orElse("").split(";")[0],
                response.body());
    }
}
