package com.speeddata.http;

import static com.speeddata.http.RouteServer.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.catalog.CatalogRoutes;
import com.speeddata.http.ingest.IngestRoutes;
import com.speeddata.http.jobs.PivotJobRoutes;
import com.speeddata.http.scoring.EventRoutes;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobStore;
import com.speeddata.jobs.access.Caller;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.sample.SampleStore;
import com.speeddata.pivot.testing.InMemorySignalStores;
import com.speeddata.scoring.events.EventStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client gets when a store fails under a route. The failing stores are Mockito doubles: a real adapter cannot
 * be made to lose its database on cue from this module, and a stub that throws on one call reads more plainly than a
 * hand-written class per port. The failures are shaped as the storage adapter reports them (this module cannot see its
 * types): an unavailable database is a StoreException whose cause is a {@link SQLTransientConnectionException}
 * (DatabaseUnavailableException), any other database error a StoreException over a plain {@link SQLException}.
 */
class UnavailableStoreTest {
    private static final String SQL = "SELECT owner, name FROM signals WHERE owner = ?";

    @TempDir
    Path dir;

    private RouteServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void catalog_routes_answer_503_with_retry_after_while_the_database_is_unavailable() {
        SignalStores stores = mock(SignalStores.class);
        when(stores.catalog(anyString())).thenThrow(unavailable());
        server = RouteServer.start(List.of(new CatalogRoutes(stores)::register));

        assertBusy(server.get("/api/v1/channels"));
        assertBusy(server.put("/api/v1/channels/ch1/signals/v", "{\"unit\": \"V\"}"));
        assertBusy(server.delete("/api/v1/channels/ch1/signals/v"));
    }

    @Test
    void an_ingest_whose_write_loses_the_database_is_503_not_500() {
        InMemorySignalStores defined = new InMemorySignalStores();
        SignalKey key = new SignalKey("ch1", "v");
        defined.catalog(Caller.LOCAL.tenant()).define(new SignalDefinition(key, "V", 1000.0, ""));
        SampleStore samples = mock(SampleStore.class);
        when(samples.write(any(), any())).thenThrow(unavailable());
        SignalStores stores = mock(SignalStores.class);
        when(stores.catalog(Caller.LOCAL.tenant())).thenReturn(defined.catalog(Caller.LOCAL.tenant()));
        when(stores.samples(Caller.LOCAL.tenant())).thenReturn(samples);
        server = RouteServer.start(List.of(new IngestRoutes(stores, 1 << 20, dir)::register));

        assertBusy(server.post(
                "/api/v1/channels/ch1/signals/v/samples", "{\"start\": \"2026-01-05T00:00:00Z\", \"values\": [1, 2]}"));
    }

    @Test
    void event_routes_answer_503_with_retry_after_while_the_database_is_unavailable() {
        EventStore events = mock(EventStore.class);
        when(events.find(any())).thenThrow(unavailable());
        when(events.add(anyString(), any(), any())).thenThrow(unavailable());
        server = RouteServer.start(List.of(new EventRoutes(events, Clock.systemUTC())::register));

        assertBusy(server.get("/v1/events"));
        assertBusy(server.post(
                "/v1/events",
                "{\"events\": [{\"ticker\": \"ACME\", \"headline\": \"Acme\", \"published_at\": "
                        + "\"2026-01-05T10:00:00Z\"}]}"));
    }

    @Test
    void job_routes_answer_503_with_retry_after_while_the_database_is_unavailable() {
        JobStore jobs = mock(JobStore.class);
        when(jobs.find(anyString(), any())).thenThrow(unavailable());
        when(jobs.list(any())).thenThrow(unavailable());
        Clock clock = Clock.systemUTC();
        DirectoryResults results = new DirectoryResults(dir);
        try (JobEngine engine = TestEngines.engine(jobs, results, List.of(), clock)) {
            server = RouteServer.start(List.of(new PivotJobRoutes(engine, results, clock)::register));
            String job = "/api/v1/pivot/jobs/" + UUID.randomUUID();
            assertBusy(server.get(job));
            assertBusy(server.get(job + "/download"));
            assertBusy(server.delete(job));
            assertBusy(server.get("/api/v1/pivot/jobs"));
        }
    }

    @Test
    void any_other_store_failure_is_500_with_an_incident_id_and_no_sql_text() {
        SignalStores stores = mock(SignalStores.class);
        when(stores.catalog(anyString()))
                .thenThrow(new RuntimeException(
                        "database error while listing signals (SQLState 42P01)",
                        new SQLException("relation \"signals\" does not exist: " + SQL, "42P01")));
        server = RouteServer.start(List.of(new CatalogRoutes(stores)::register));

        HttpResponse<String> response = server.get("/api/v1/channels");
        JsonNode problem = assertProblem(response, 500, "INTERNAL_ERROR");
        assertFalse(response.body().contains("signals"), response.body());
        assertFalse(response.body().contains("SQLState"), response.body());
        assertFalse(response.headers().firstValue("Retry-After").isPresent());
        assertTrue(
                problem.get("detail").asText().matches(".*incident [0-9a-f-]{36}.*"),
                problem.get("detail").asText());
    }

    /** As DatabaseUnavailableException arrives: a store failure caused by a transient loss of the connection. */
    private static RuntimeException unavailable() {
        return new RuntimeException(
                "database unavailable while reading (SQLState 57P01)",
                new SQLTransientConnectionException("terminating connection due to administrator command", "57P01"));
    }

    private static void assertBusy(HttpResponse<String> response) {
        JsonNode problem = assertProblem(response, 503, "DATABASE_BUSY");
        assertEquals("2", response.headers().firstValue("Retry-After").orElse("(none)"));
        assertFalse(problem.toString().contains("57P01"), "no SQLState or driver text reaches the client");
    }
}
